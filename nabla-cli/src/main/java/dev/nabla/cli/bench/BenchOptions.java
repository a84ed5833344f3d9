package dev.nabla.cli.bench;

/** The options every workload reads (mirrors the torch script's arguments). */
public final class BenchOptions {
    public int threads = 2;
    public int reps = 7;
    public long seed = 0;
    public boolean quick;
    public int epochs = 5;
    public String tag;
    /** Untimed steps continue until this many seconds of warm-up (JIT compilation); 0: the script's count only. */
    public double jitWarmupS = 2.0;

    /** The warm-up floor in seconds for this run: none for --quick smoke runs. */
    public double warmupSeconds() {
        return quick ? 0 : jitWarmupS;
    }
}
