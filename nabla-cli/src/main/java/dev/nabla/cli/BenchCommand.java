package dev.nabla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.cli.bench.BenchOptions;
import dev.nabla.cli.bench.Workloads;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nabla bench}: the workloads of ../shared/bench/torch_cpu_bench.py, same models, batches,
 * data, warm-up and timing, printing one JSON line per result with the same field names.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training/inference throughput and GEMM speed as the torch bench script does.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--workload", defaultValue = "all",
            description = "mlp, convnet, lstm, autoencoder, transformer, segnet, gemm, inference or all")
    String workload;

    @Option(names = "--threads", defaultValue = "2", description = "worker threads for the kernels (default 2)")
    int threads;

    @Option(names = "--reps", defaultValue = "7", description = "timed repetitions (default 7)")
    int reps;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--tag", description = "free-form label copied into every output line")
    String tag;

    @Option(names = "--quick", description = "smoke test: 2 short repetitions (numbers not meaningful)")
    boolean quick;

    @Option(names = "--accuracy", description = "train mlp/convnet for --epochs on Fashion-MNIST, report test accuracy")
    boolean accuracy;

    @Option(names = "--epochs", defaultValue = "5")
    int epochs;

    @Option(names = "--jit-warmup-s", defaultValue = "2.0", description = "after the torch script's warm-up steps,"
            + " run untimed steps until this many seconds have passed, while the JVM compiles the hot code"
            + " (default 2.0; 0 = the script's warm-up steps only)")
    double jitWarmupS;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("bench: --threads must be at least 1, got " + threads);
        }
        // The kernel thread pool reads this when it starts, which happens at the first kernel call below.
        System.setProperty("nabla.threads", Integer.toString(threads));
        BenchOptions o = new BenchOptions();
        o.threads = threads;
        o.reps = reps;
        o.seed = seed;
        o.quick = quick;
        o.epochs = epochs;
        o.tag = tag;
        if (!(jitWarmupS >= 0)) {
            throw new IllegalArgumentException("bench: --jit-warmup-s must be >= 0, got " + jitWarmupS);
        }
        o.jitWarmupS = jitWarmupS;
        if (accuracy) {
            List<String> names = workload.equals("all") ? List.of("mlp", "convnet") : List.of(workload);
            for (String n : names) {
                emit(Workloads.accuracy(n, o));
            }
            return 0;
        }
        if (workload.equals("all")) {
            return runEachInChildProcess();
        }
        for (Map<String, Object> line : Workloads.run(workload, o)) {
            emit(line);
        }
        return 0;
    }

    private void emit(Map<String, Object> line) throws Exception {
        if (tag != null) {
            line.put("tag", tag);
        }
        System.out.println(JSON.writeValueAsString(line));
        System.out.flush();
    }

    /**
     * Each workload in a fresh JVM, so each line's peak RSS is that workload's alone. Started through
     * the {@code nabla} launcher when it started us (it exports NABLA_LAUNCHER), so each workload gets
     * the JVM settings the launcher chooses for it; otherwise with this JVM's own arguments.
     */
    private int runEachInChildProcess() throws Exception {
        String launcher = System.getenv("NABLA_LAUNCHER");
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        for (String w : Workloads.names()) {
            List<String> cmd = new ArrayList<>();
            if (launcher != null && !launcher.isEmpty()) {
                cmd.add(launcher);
            } else {
                cmd.add(java);
                cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            }
            cmd.addAll(List.of("bench",
                    "--workload", w, "--threads", Integer.toString(threads), "--reps", Integer.toString(reps),
                    "--seed", Long.toString(seed), "--jit-warmup-s", Double.toString(jitWarmupS)));
            if (quick) {
                cmd.add("--quick");
            }
            if (tag != null) {
                cmd.addAll(List.of("--tag", tag));
            }
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            int code = p.waitFor();
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }
}
