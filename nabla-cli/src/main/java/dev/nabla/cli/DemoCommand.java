package dev.nabla.cli;

import dev.nabla.autograd.GradMode;
import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nabla demo}: fits a small two-layer network to a noisy sine with plain autograd and SGD. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a tiny MLP on y = sin(3x) with autograd and print the falling loss.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "500", description = "training steps (default ${DEFAULT-VALUE})")
    int steps;

    @Override
    public Integer call() {
        Generator g = new Generator(42);
        Tensor x = Tensor.rand(g, 256, 1).mul(2).sub(1);                      // (256, 1) in [-1, 1)
        Tensor y = x.mul(3).sin().add(Tensor.randn(g, 256, 1).mul(0.05));     // noisy target
        Tensor w1 = Tensor.randn(g, 32, 1).mul(1.0).requiresGrad(true);
        Tensor b1 = Tensor.zeros(32).requiresGrad(true);
        Tensor w2 = Tensor.randn(g, 1, 32).mul(1.0 / Math.sqrt(32)).requiresGrad(true);
        Tensor b2 = Tensor.zeros(1).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        float lr = 0.1f;
        for (int step = 0; step <= steps; step++) {
            Tensor pred = F.linear(F.linear(x, w1, b1).tanh(), w2, b2);
            Tensor loss = pred.sub(y).square().mean();
            for (Tensor p : params) {
                p.setGrad(null);
            }
            loss.backward();
            try (var s = GradMode.noGrad()) {
                for (Tensor p : params) {
                    p.addInPlace(p.grad(), -lr);
                }
            }
            if (step % 50 == 0) {
                System.out.printf("step %4d  loss %.5f%n", step, loss.item());
            }
        }
        return 0;
    }
}
