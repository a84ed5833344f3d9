package dev.nabla.nn.functional;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times one training step (forward + backward) of the text-classifier benchmark's model:
 * Embedding(10000, 100) - LSTM(100, 128, batch_first) - Linear(128, 2) + cross-entropy, batch 64,
 * length 200. Not a test; run with
 * {@code java --add-modules jdk.incubator.vector -cp nabla-core/target/classes:nabla-core/target/test-classes
 * dev.nabla.nn.functional.LstmStepBench [iterations]}.
 */
public final class LstmStepBench {
    private LstmStepBench() {
    }

    public static void main(String[] args) {
        int batch = 64;
        int steps = 200;
        int embed = 100;
        int hidden = 128;
        int vocab = 10000;
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Generator g = new Generator(1);
        Tensor emb = Tensor.randn(g, vocab, embed).requiresGrad(true);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("weight_ih_l0", Tensor.randn(g, 4 * hidden, embed).mul(0.08).requiresGrad(true));
        w.put("weight_hh_l0", Tensor.randn(g, 4 * hidden, hidden).mul(0.08).requiresGrad(true));
        w.put("bias_ih_l0", Tensor.zeros(4 * hidden).requiresGrad(true));
        w.put("bias_hh_l0", Tensor.zeros(4 * hidden).requiresGrad(true));
        Tensor fcW = Tensor.randn(g, 2, hidden).mul(0.08).requiresGrad(true);
        Tensor fcB = Tensor.zeros(2).requiresGrad(true);
        Tensor tokens = Tensor.randint(0, vocab, g, batch * steps);
        Tensor labels = Tensor.randint(0, 2, g, batch);
        RnnWeights rw = RnnWeights.fromNamed(RnnMode.LSTM, w, 1, false);
        List<Tensor> params = new ArrayList<>(w.values());
        params.addAll(List.of(emb, fcW, fcB));
        double[] fwd = new double[iters];
        double[] total = new double[iters];
        for (int it = 0; it < iters; it++) {
            long t0 = System.nanoTime();
            Tensor x = emb.indexSelect(0, tokens).reshape(batch, steps, embed);
            RnnOutput o = Recurrent.rnn(RnnMode.LSTM, x, null, null, rw, true, 0, true, null);
            Tensor loss = F.crossEntropy(F.linear(o.hN().select(0, 0), fcW, fcB), labels);
            long t1 = System.nanoTime();
            loss.backward();
            long t2 = System.nanoTime();
            params.forEach(p -> p.setGrad(null));
            fwd[it] = (t1 - t0) / 1e6;
            total[it] = (t2 - t0) / 1e6;
            System.out.printf("step %d: forward %.0f ms, forward+backward %.0f ms%n", it, fwd[it], total[it]);
        }
        Arrays.sort(fwd);
        Arrays.sort(total);
        System.out.printf("median of %d: forward %.0f ms, forward+backward %.0f ms (best %.0f ms)%n", iters,
                fwd[iters / 2], total[iters / 2], total[0]);
    }
}
