package dev.nabla.data.text;

import dev.nabla.data.Collate;
import dev.nabla.data.Sample;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Collates samples whose inputs are 1-D int64 token ids of different lengths into a
 * {@link TextBatch}: ids padded on the right to the longest (optionally cut to {@code maxLength}),
 * the lengths, and the stacked targets, as {@code pad_sequence(batch_first=True)}.
 */
public final class PadCollate implements Collate<Sample, TextBatch> {
    private final long padIndex;
    private final int maxLength;

    /** Pads with {@link Vocabulary#PAD_INDEX}, no length limit. */
    public PadCollate() {
        this(Vocabulary.PAD_INDEX, Integer.MAX_VALUE);
    }

    public PadCollate(long padIndex, int maxLength) {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("PadCollate: maxLength must be positive, got " + maxLength);
        }
        this.padIndex = padIndex;
        this.maxLength = maxLength;
    }

    @Override
    public TextBatch collate(List<Sample> examples) {
        int b = examples.size();
        long[][] seqs = new long[b][];
        int tMax = 0;
        Tensor[] targets = new Tensor[b];
        for (int i = 0; i < b; i++) {
            Tensor in = examples.get(i).input();
            if (in.dim() != 1 || in.dtype() != DType.INT64) {
                throw new IllegalArgumentException("PadCollate: example " + i + " should hold 1-D int64 token ids, got "
                        + in.dtype().torchName() + " " + Arrays.toString(in.shape()));
            }
            long[] s = in.toLongArray();
            seqs[i] = s.length > maxLength ? Arrays.copyOf(s, maxLength) : s;
            tMax = Math.max(tMax, seqs[i].length);
            targets[i] = examples.get(i).target();
        }
        long[] ids = new long[b * tMax];
        long[] lengths = new long[b];
        Arrays.fill(ids, padIndex);
        for (int i = 0; i < b; i++) {
            System.arraycopy(seqs[i], 0, ids, i * tMax, seqs[i].length);
            lengths[i] = seqs[i].length;
        }
        return new TextBatch(Tensor.ofLongs(ids, b, tMax), Tensor.ofLongs(lengths, b), Tensor.stack(targets, 0));
    }
}
