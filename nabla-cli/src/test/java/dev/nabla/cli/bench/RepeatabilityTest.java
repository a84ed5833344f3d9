package dev.nabla.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.nn.Module;
import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same step on the same inputs gives the same bits every time, on 2 threads: from the first call,
 * while the JIT is still compiling the kernels (lane sums must not depend on the compiler tier, see
 * LaneSum), and when other shapes ran in between (scratch buffers must not leak between calls).
 */
class RepeatabilityTest {
    private static List<float[]> step(Module model, Tensor x, Tensor y) {
        model.zeroGrad();
        Tensor logits = model.call(x);
        F.crossEntropy(logits, y).backward();
        List<float[]> out = new ArrayList<>();
        out.add(logits.detach().toFloatArray());
        model.parameters().forEach(p -> out.add(p.grad().toFloatArray()));
        return out;
    }

    @Test
    void convnetStepIsBitForBitRepeatable() {
        Generator g = new Generator(0);
        Module model = BenchModels.convnet();
        Tensor x = Tensor.rand(g, 100, 1, 28, 28);
        Tensor y = Tensor.randint(0, 10, g, 100);
        Tensor other = Tensor.rand(g, 7, 1, 28, 28);
        List<float[]> first = step(model, x, y);
        for (int rep = 0; rep < 30; rep++) {
            if (rep % 3 == 1) {
                step(model, other, Tensor.randint(0, 10, g, 7)); // a different batch size in between
            }
            List<float[]> again = step(model, x, y);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i), "rep " + rep + ", tensor " + i);
            }
        }
    }
}
