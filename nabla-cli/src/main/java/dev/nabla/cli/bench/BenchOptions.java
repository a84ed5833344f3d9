package dev.nabla.cli.bench;

/** The options every workload reads (mirrors the torch script's arguments). */
public final class BenchOptions {
    public int threads = 2;
    public int reps = 7;
    public long seed = 0;
    public boolean quick;
    public int epochs = 5;
    public String tag;
}
