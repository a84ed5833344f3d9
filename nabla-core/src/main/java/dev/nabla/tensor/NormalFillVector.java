package dev.nabla.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormalFill}'s Box-Muller on 8 pairs at once, the shape of torch's AVX2 code (the same
 * operations in the same order, so the values are bit-identical to the scalar path; a test keeps
 * the two equal). Only loaded when the Vector API is present.
 *
 * <p>It runs on the preferred vector shape, never a second one: using 8-lane vectors on a 16-lane machine
 * pollutes the type profiles inside the Vector API's shared code, after which C2 can compile other
 * kernels without their intrinsics. With 16 lanes each half of a vector computes the same 8 pairs (u1 and
 * u2 each loaded into both halves), and the output takes cos from the low half and sin from the high.
 */
final class NormalFillVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
    private static final boolean WIDE = S.length() == 16;
    /** Whether this class serves the preferred shape (8 or 16 lanes); else NormalFill stays scalar. */
    static final boolean SUPPORTED = S.length() == 8 || WIDE;
    private static final VectorShuffle<Float> LOW_TWICE = WIDE ? VectorShuffle.fromOp(S, i -> i & 7) : null;
    private static final VectorShuffle<Float> HIGH_TWICE = WIDE ? VectorShuffle.fromOp(S, i -> 8 + (i & 7)) : null;
    private static final VectorMask<Float> HIGH_HALF = WIDE ? VectorMask.fromLong(S, 0xFF00L) : null;

    private NormalFillVector() {
    }

    /** Box-Muller on d[i, i + 16): the first 8 give u1, the last 8 u2. */
    static void transform16(float[] d, int i, float mean, float std) {
        FloatVector first;
        FloatVector u2;
        if (WIDE) {
            FloatVector v = FloatVector.fromArray(S, d, i);
            first = v.rearrange(LOW_TWICE);
            u2 = v.rearrange(HIGH_TWICE);
        } else {
            first = FloatVector.fromArray(S, d, i);
            u2 = FloatVector.fromArray(S, d, i + 8);
        }
        FloatVector u1 = FloatVector.broadcast(S, 1f).sub(first);
        FloatVector radius = log(u1).mul(-2f).sqrt();
        FloatVector x = u2.mul(NormalFill.TWO_PI);

        // sin and cos of x >= 0 (Cephes sinf/cosf as sincos256_ps).
        IntVector signSin = x.reinterpretAsInts().and(0x80000000);
        x = x.abs();
        IntVector q = (IntVector) x.mul(NormalFill.FOPI).convert(VectorOperators.F2I, 0);
        q = q.add(1).and(~1);
        FloatVector y = (FloatVector) q.convert(VectorOperators.I2F, 0);
        IntVector swapSignSin = q.and(4).lanewise(VectorOperators.LSHL, 29);
        VectorMask<Integer> sinPoly = q.and(2).compare(VectorOperators.EQ, 0);
        IntVector polyMask = IntVector.zero(SI).blend(-1, sinPoly);
        x = y.fma(FloatVector.broadcast(S, NormalFill.MINUS_DP1), x);
        x = y.fma(FloatVector.broadcast(S, NormalFill.MINUS_DP2), x);
        x = y.fma(FloatVector.broadcast(S, NormalFill.MINUS_DP3), x);
        IntVector signCos = q.sub(2).not().and(4).lanewise(VectorOperators.LSHL, 29);
        signSin = signSin.lanewise(VectorOperators.XOR, swapSignSin);
        FloatVector z = x.mul(x);
        FloatVector c = FloatVector.broadcast(S, NormalFill.COS_P0).fma(z, FloatVector.broadcast(S, NormalFill.COS_P1));
        c = c.fma(z, FloatVector.broadcast(S, NormalFill.COS_P2));
        c = c.mul(z);
        c = c.fma(z, z.mul(0.5f).neg());
        c = c.add(1f);
        FloatVector s = FloatVector.broadcast(S, NormalFill.SIN_P0).fma(z, FloatVector.broadcast(S, NormalFill.SIN_P1));
        s = s.fma(z, FloatVector.broadcast(S, NormalFill.SIN_P2));
        s = s.mul(z);
        s = s.fma(x, x);
        FloatVector ysin2 = s.reinterpretAsInts().and(polyMask).reinterpretAsFloats();
        FloatVector ysin1 = c.reinterpretAsInts().and(polyMask.not()).reinterpretAsFloats();
        FloatVector sin = ysin1.add(ysin2).reinterpretAsInts().lanewise(VectorOperators.XOR, signSin)
                .reinterpretAsFloats();
        FloatVector cos = c.sub(ysin1).add(s.sub(ysin2)).reinterpretAsInts().lanewise(VectorOperators.XOR, signCos)
                .reinterpretAsFloats();

        FloatVector stdV = FloatVector.broadcast(S, std);
        FloatVector meanV = FloatVector.broadcast(S, mean);
        FloatVector fromCos = radius.mul(cos).fma(stdV, meanV);
        FloatVector fromSin = radius.mul(sin).fma(stdV, meanV);
        if (WIDE) {
            fromCos.blend(fromSin, HIGH_HALF).intoArray(d, i);
        } else {
            fromCos.intoArray(d, i);
            fromSin.intoArray(d, i + 8);
        }
    }

    /** Cephes logf as log256_ps, for x in (0, 1]. */
    private static FloatVector log(FloatVector x) {
        x = x.max(Float.MIN_NORMAL);
        IntVector bits = x.reinterpretAsInts();
        FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(0x7f)
                .convert(VectorOperators.I2F, 0)).add(1f);
        x = bits.and(~0x7f800000).or(0x3f000000).reinterpretAsFloats();
        VectorMask<Float> small = x.compare(VectorOperators.LT, NormalFill.SQRTHF);
        FloatVector zero = FloatVector.zero(S);
        FloatVector tmp = zero.blend(x, small);
        x = x.sub(1f);
        e = e.sub(zero.blend(1f, small));
        x = x.add(tmp);
        FloatVector z = x.mul(x);
        FloatVector y = FloatVector.broadcast(S, NormalFill.LOG_P0).fma(x, FloatVector.broadcast(S, NormalFill.LOG_P1));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P2));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P3));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P4));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P5));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P6));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P7));
        y = y.fma(x, FloatVector.broadcast(S, NormalFill.LOG_P8));
        y = y.mul(x);
        y = y.fma(z, e.mul(NormalFill.LOG_Q1));
        y = z.neg().fma(FloatVector.broadcast(S, 0.5f), y);
        x = x.add(y);
        return e.fma(FloatVector.broadcast(S, NormalFill.LOG_Q2), x);
    }
}
