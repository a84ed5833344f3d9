package dev.nabla.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Share of all cores used by other processes (and stolen by the hypervisor) during a timed
 * interval, as the torch script's CpuMonitor: a value above ~5 % marks a noisy run.
 */
final class CpuMonitor {
    private static final double TICK = 100.0;   // USER_HZ on Linux
    private final long startWall = System.nanoTime();
    private final long[] start = procStat();
    private final long startOwn = ownCpuNanos();

    Map<String, Object> stop() {
        long[] end = procStat();
        double wall = (System.nanoTime() - startWall) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double capacity = wall * cores;
        Map<String, Object> out = new LinkedHashMap<>();
        if (start == null || end == null || capacity <= 0) {
            out.put("other_cpu_pct", null);
            out.put("steal_pct", null);
            return out;
        }
        double busy = (busy(end) - busy(start)) / TICK;
        double own = (ownCpuNanos() - startOwn) / 1e9;
        double other = Math.max(0, busy - own);
        out.put("other_cpu_pct", ProcessStats.round(100 * other / capacity, 1));
        out.put("steal_pct", ProcessStats.round(100 * (end[7] - start[7]) / TICK / capacity, 1));
        return out;
    }

    /** user nice system idle iowait irq softirq steal, in ticks. */
    private static long[] procStat() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] v = new long[8];
            for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                v[i] = Long.parseLong(f[i + 1]);
            }
            return v;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long busy(long[] v) {
        return v[0] + v[1] + v[2] + v[5] + v[6];
    }

    private static long ownCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
