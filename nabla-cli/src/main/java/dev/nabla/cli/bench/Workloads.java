package dev.nabla.cli.bench;

import dev.nabla.kernel.KernelProvider;
import dev.nabla.nn.functional.F;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a named workload and adds the process-wide fields every line carries. */
public final class Workloads {
    private Workloads() {
    }

    /** Every throughput workload, in the torch script's order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(TrainWorkloads.names());
        out.add("gemm");
        out.add("inference");
        return out;
    }

    public static List<Map<String, Object>> run(String name, BenchOptions o) {
        double rssStart = ProcessStats.rssMb();
        double load = ProcessStats.loadAverage1m();
        List<Map<String, Object>> lines;
        if (TrainWorkloads.SPECS.containsKey(name)) {
            lines = List.of(TrainWorkloads.run(name, o));
        } else if (name.equals("gemm")) {
            lines = GemmWorkload.run(o, (x, w, b) -> F.conv2d(x, w, b, 1, 2));
        } else if (name.equals("inference")) {
            lines = InferenceWorkload.run(o);
        } else {
            throw new IllegalArgumentException("bench: unknown workload '" + name + "'; expected one of "
                    + String.join(", ", names()) + " or all");
        }
        for (Map<String, Object> line : lines) {
            line.put("peak_rss_mb", ProcessStats.round(ProcessStats.peakRssMb(), 1));
            line.put("rss_after_start_mb", ProcessStats.round(rssStart, 1));
            line.put("heap_max_mb", ProcessStats.round(Runtime.getRuntime().maxMemory() / 1048576.0, 1));
            line.put("gc", ProcessStats.collectors());
            line.put("loadavg_1m_before", load);
            line.put("kernels", KernelProvider.get().name());
            line.put("java", Runtime.version().toString());
        }
        return lines;
    }

    public static Map<String, Object> accuracy(String name, BenchOptions o) {
        Map<String, Object> r = AccuracyRun.run(name, o);
        r.put("kernels", KernelProvider.get().name());
        return r;
    }
}
