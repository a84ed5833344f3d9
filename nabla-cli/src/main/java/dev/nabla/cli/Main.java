package dev.nabla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nabla} command: one subcommand per job. */
@Command(name = "nabla", mixinStandardHelpOptions = true, version = "nabla 0.1.0",
        description = "Deep learning for the JVM in pure Java.",
        subcommands = {ConformanceCommand.class, DemoCommand.class, BenchCommand.class, TrainCommand.class,
                EvalCommand.class, PredictCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
