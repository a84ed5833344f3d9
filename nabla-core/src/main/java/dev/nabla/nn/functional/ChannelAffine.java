package dev.nabla.nn.functional;

import dev.nabla.kernel.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code a = relu?(a * scale + shift)} over one run of a channel, in place: the eval batch norm (and ReLU)
 * that {@link Normalization#batchNormEvalInPlace} applies to a convolution's output. A multiply then an add,
 * never a fused multiply-add, so the bits are those of batch_norm's own loop; ReLU as {@link UnaryOp#RELU}
 * (zero for x <= 0, NaN kept).
 */
final class ChannelAffine {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ChannelAffine() {
    }

    static void apply(float[] a, int off, int len, float scale, float shift, boolean relu) {
        FloatVector sc = FloatVector.broadcast(S, scale);
        FloatVector sh = FloatVector.broadcast(S, shift);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, a, off + i).mul(sc).add(sh);
            if (relu) {
                v = v.blend(zero, v.compare(VectorOperators.LE, 0f));
            }
            v.intoArray(a, off + i);
        }
        for (; i < len; i++) {
            float v = a[off + i] * scale + shift;
            a[off + i] = relu ? UnaryOp.RELU.apply(v, 0f, 0f) : v;
        }
    }
}
