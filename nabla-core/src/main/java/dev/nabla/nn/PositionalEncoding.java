package dev.nabla.nn;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Sinusoidal positional encoding (Vaswani et al., 2017, section 3.5) as in PyTorch's Transformer
 * tutorial: pe[pos, 2i] = sin(pos / 10000^(2i/d)), pe[pos, 2i+1] = cos(same), kept in the buffer
 * {@code pe} of shape (maxLen, 1, dModel), added to the input (S, N, E) (or (N, S, E) with batchFirst)
 * and followed by dropout. Computed in float32 as the tutorial does.
 */
public final class PositionalEncoding extends Module {
    public final int dModel;
    public final int maxLen;
    public final boolean batchFirst;
    public final Tensor pe;
    public final Dropout dropout;

    /** Defaults as the tutorial: dropout 0.1, max_len 5000. */
    public PositionalEncoding(int dModel) {
        this(dModel, 0.1, 5000, false, Generator.defaultGenerator());
    }

    public PositionalEncoding(int dModel, double dropout, int maxLen, boolean batchFirst, Generator g) {
        if (dModel <= 0 || maxLen <= 0) {
            throw new IllegalArgumentException("PositionalEncoding: d_model and max_len must be positive, got " + dModel
                    + " and " + maxLen);
        }
        this.dModel = dModel;
        this.maxLen = maxLen;
        this.batchFirst = batchFirst;
        this.dropout = registerModule("dropout", new Dropout(dropout, g));
        float[] v = new float[maxLen * dModel];
        float scale = (float) (-Math.log(10000.0) / dModel);
        for (int i = 0; 2 * i < dModel; i++) {
            float div = (float) Math.exp((float) (2 * i) * scale);
            for (int pos = 0; pos < maxLen; pos++) {
                float angle = (float) pos * div;
                v[pos * dModel + 2 * i] = (float) Math.sin(angle);
                if (2 * i + 1 < dModel) {
                    v[pos * dModel + 2 * i + 1] = (float) Math.cos(angle);
                }
            }
        }
        this.pe = registerBuffer("pe", Tensor.wrap(v, maxLen, 1, dModel));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 3 || x.size(-1) != dModel) {
            throw new IllegalArgumentException("PositionalEncoding: expected input (S, N, " + dModel + ")"
                    + (batchFirst ? " batch-first (N, S, " + dModel + ")" : "") + ", got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int len = x.size(batchFirst ? 1 : 0);
        if (len > maxLen) {
            throw new IllegalArgumentException("PositionalEncoding: sequence length " + len + " exceeds max_len "
                    + maxLen);
        }
        Tensor p = pe.narrow(0, 0, len); // (S, 1, E)
        return dropout.call(x.add(batchFirst ? p.transpose(0, 1) : p));
    }
}
