package dev.nabla.cli;

import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nabla demo}: fits a small network to a noisy sine with the module API, a loss and Adam. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a tiny MLP on y = sin(3x) and print the falling loss.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "500", description = "training steps (default ${DEFAULT-VALUE})")
    int steps;

    /** A model class as a PyTorch user writes one: layers registered in the constructor, math in forward. */
    static final class SineNet extends Module {
        private final Linear hidden;
        private final Linear out;

        SineNet(int width) {
            hidden = registerModule("hidden", new Linear(1, width));
            out = registerModule("out", new Linear(width, 1));
        }

        @Override
        public Tensor forward(Tensor x) {                  // (N, 1) -> (N, 1)
            return out.call(hidden.call(x).tanh());
        }
    }

    @Override
    public Integer call() {
        Generator g = new Generator(42);
        Generator.defaultGenerator().manualSeed(42);
        Tensor x = Tensor.rand(g, 256, 1).mul(2).sub(1);                      // (256, 1) in [-1, 1)
        Tensor y = x.mul(3).sin().add(Tensor.randn(g, 256, 1).mul(0.05));     // noisy target
        SineNet model = new SineNet(32);
        System.out.println(model);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        for (int step = 0; step <= steps; step++) {
            Tensor loss = F.mseLoss(model.call(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            if (step % 50 == 0) {
                System.out.printf("step %4d  loss %.5f%n", step, loss.item());
            }
        }
        return 0;
    }
}
