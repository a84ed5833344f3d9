package dev.nabla.cli.bench;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.LSTM;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.tensor.Tensor;

/** The benchmark models, layer for layer as ../shared/bench/torch_cpu_bench.py defines them. */
public final class BenchModels {
    private BenchModels() {
    }

    /** Flatten-Linear(784,500)-ReLU-Linear(500,10). */
    public static Module mlp() {
        return new Sequential(new Flatten(), new Linear(784, 500), new ReLU(), new Linear(500, 10));
    }

    /** [Conv(1,16,5,p2)-BN-ReLU-MaxPool2]-[Conv(16,32,5,p2)-BN-ReLU-MaxPool2]-Linear(1568,10). */
    public static Module convnet() {
        return new Sequential(
                new Conv2d(1, 16, 5, 1, 2), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),     // (B,16,14,14)
                new Conv2d(16, 32, 5, 1, 2), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),    // (B,32,7,7)
                new Flatten(), new Linear(7 * 7 * 32, 10));
    }

    /** 784-100-50-20 encoder, 20-50-100-784 decoder, Sigmoid output. */
    public static Module autoencoder() {
        return new Sequential(
                new Flatten(),
                new Linear(784, 100), new ReLU(), new Linear(100, 50), new ReLU(), new Linear(50, 20),
                new Linear(20, 50), new ReLU(), new Linear(50, 100), new ReLU(), new Linear(100, 784),
                new Sigmoid());
    }

    /** Conv/pool encoder, transposed-conv decoder, 23 classes per pixel. */
    public static Module segnet() {
        return new Sequential(
                new Conv2d(3, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2),          // (B,32,64,64)
                new Conv2d(32, 64, 3, 1, 1), new ReLU(), new MaxPool2d(2),         // (B,64,32,32)
                new Conv2d(64, 128, 3, 1, 1), new ReLU(),                          // (B,128,32,32)
                new ConvTranspose2d(128, 64, 2, 2, 0), new ReLU(),                 // (B,64,64,64)
                new ConvTranspose2d(64, 32, 2, 2, 0), new ReLU(),                  // (B,32,128,128)
                new Conv2d(32, 23, 1));                                           // (B,23,128,128)
    }

    /** Embedding(10000,100)-LSTM(100,128,batch_first)-last hidden state-Linear(128,1). */
    public static final class LstmClassifier extends Module {
        private final Embedding emb;
        private final LSTM rnn;
        private final Linear out;

        public LstmClassifier() {
            emb = registerModule("emb", new Embedding(10000, 100));
            rnn = registerModule("rnn", new LSTM(new LSTM.Options(100, 128).batchFirst(true)));
            out = registerModule("out", new Linear(128, 1));
        }

        @Override
        public Tensor forward(Tensor tokens) {                      // (B, T) int64
            Tensor h = rnn.forward(emb.call(tokens), null, null).hN();   // (1, B, hidden)
            return out.call(h.select(0, h.size(0) - 1)).squeeze(1);     // (B,)
        }
    }

    /** Post-LN encoder block with explicit q/k/v/out projections, 8 heads, FFN 128-512-128. */
    public static final class EncoderBlock extends Module {
        private final int heads;
        private final Linear q;
        private final Linear k;
        private final Linear v;
        private final Linear o;
        private final LayerNorm n1;
        private final LayerNorm n2;
        private final Module ff;

        public EncoderBlock(int d, int heads, int ff) {
            this.heads = heads;
            q = registerModule("q", new Linear(d, d));
            k = registerModule("k", new Linear(d, d));
            v = registerModule("v", new Linear(d, d));
            o = registerModule("o", new Linear(d, d));
            n1 = registerModule("n1", new LayerNorm(d));
            n2 = registerModule("n2", new LayerNorm(d));
            this.ff = registerModule("ff", new Sequential(new Linear(d, ff), new ReLU(), new Linear(ff, d)));
        }

        @Override
        public Tensor forward(Tensor x) {                                   // (B, T, d)
            int b = x.size(0);
            int t = x.size(1);
            int d = x.size(2);
            Tensor qh = split(q.call(x), b, t, d);                          // (B, h, T, d/h)
            Tensor kh = split(k.call(x), b, t, d);
            Tensor vh = split(v.call(x), b, t, d);
            Tensor scores = qh.matmul(kh.transpose(-1, -2)).div(Math.sqrt(d / heads));
            Tensor a = scores.softmax(-1).matmul(vh);                       // (B, h, T, d/h)
            x = n1.call(x.add(o.call(a.transpose(1, 2).reshape(b, t, d))));
            return n2.call(x.add(ff.call(x)));
        }

        private Tensor split(Tensor z, int b, int t, int d) {
            return z.view(b, t, heads, d / heads).transpose(1, 2);
        }
    }

    /** Token + learned positional embeddings, one encoder block, mean-pool, Linear(128, 2). */
    public static final class TinyTransformer extends Module {
        private final Embedding tok;
        private final Embedding pos;
        private final EncoderBlock block;
        private final Linear out;

        public TinyTransformer() {
            tok = registerModule("tok", new Embedding(10000, 128));
            pos = registerModule("pos", new Embedding(64, 128));
            block = registerModule("block", new EncoderBlock(128, 8, 512));
            out = registerModule("out", new Linear(128, 2));
        }

        @Override
        public Tensor forward(Tensor tokens) {                              // (B, T) int64
            int t = tokens.size(1);
            Tensor positions = Tensor.arange(t).toLong();
            Tensor h = tok.call(tokens).add(pos.call(positions));
            return out.call(block.call(h).mean(1));                         // (B, classes)
        }
    }
}
