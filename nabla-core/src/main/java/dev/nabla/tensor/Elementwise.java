package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.BinaryOp;
import dev.nabla.kernel.FreshArrays;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.UnaryOp;
import java.util.Arrays;

/** Elementwise unary and broadcasting binary ops with their gradients. */
final class Elementwise {
    private Elementwise() {
    }

    enum Cmp { EQ, NE, LT, LE, GT, GE }

    enum Logic { NOT, AND, OR }

    static Tensor unary(Tensor x, UnaryOp op) {
        return unary(x, op, 0f, 0f);
    }

    static Tensor unary(Tensor x, UnaryOp op, float a, float b) {
        String name = op.opName();
        x = x.dtype() == DType.FLOAT32 ? x : x.toFloat();
        Tensor xc = Views.rawContiguous(x);
        int n = xc.numel();
        float[] out = FreshArrays.floats(n);
        KernelProvider.get().unary(op, a, b, xc.storage.floats, xc.offset, out, 0, n);
        Tensor y = Tensor.wrap(out, x.shape);
        if (!Autograd.needsGrad(x)) {
            return y;
        }
        Tensor xs = x;
        return Autograd.record(y, name, new Tensor[] {x}, new Tensor[] {x, y},
                g -> new Tensor[] {unaryBackward(op, a, b, g, xs, y)});
    }

    /** g * f'(x), with fused kernels for the common activations. */
    static Tensor unaryBackward(UnaryOp op, float a, float b, Tensor g, Tensor x, Tensor y) {
        switch (op) {
            case RELU:
                return fusedBackward(BinaryOp.RELU_BACKWARD, g, y, 0f);
            case SIGMOID:
                return fusedBackward(BinaryOp.SIGMOID_BACKWARD, g, y, 0f);
            case TANH:
                return fusedBackward(BinaryOp.TANH_BACKWARD, g, y, 0f);
            case LEAKY_RELU:
                return fusedBackward(BinaryOp.LEAKY_RELU_BACKWARD, g, x, a);
            case NEG:
                return g.neg();
            case ADD_SCALAR:
                return g;
            case MUL_SCALAR:
                return g.mul(a);
            default:
                break;
        }
        Tensor gc = Views.rawContiguous(g);
        Tensor xc = Views.rawContiguous(x);
        Tensor yc = Views.rawContiguous(y);
        int n = xc.numel();
        float[] out = FreshArrays.floats(n);
        float[] gd = gc.storage.floats;
        float[] xd = xc.storage.floats;
        float[] yd = yc.storage.floats;
        for (int i = 0; i < n; i++) {
            out[i] = gd[gc.offset + i] * op.derivative(xd[xc.offset + i], yd[yc.offset + i], a, b);
        }
        return Tensor.wrap(out, x.shape);
    }

    private static Tensor fusedBackward(BinaryOp op, Tensor g, Tensor saved, float a) {
        Tensor gc = Views.rawContiguous(g);
        Tensor sc = Views.rawContiguous(saved);
        int n = gc.numel();
        float[] out = FreshArrays.floats(n);
        KernelProvider.get().binary(op, a, gc.storage.floats, gc.offset, 1, sc.storage.floats, sc.offset, 1, out, 0, n);
        return Tensor.wrap(out, g.shape);
    }

    static Tensor unaryInPlace(Tensor t, UnaryOp op, float a, float b, String name) {
        t.requireFloat(name);
        t.checkInPlace(name);
        if (t.isContiguous()) {
            KernelProvider.get().unary(op, a, b, t.storage.floats, t.offset, t.storage.floats, t.offset, t.numel());
        } else {
            float[] d = t.storage.floats;
            StridedIter.forEach(t, (i, p) -> d[p] = op.apply(d[p], a, b));
        }
        t.storage.version++;
        return t;
    }

    /** Raw broadcasting binary op on float tensors, no autograd. */
    static Tensor binaryRaw(Tensor a, Tensor b, BinaryOp op, float alpha, String name) {
        int[] shape = Shapes.broadcast(name, a.shape, b.shape);
        float[] out = FreshArrays.floats(Shapes.numel(shape));
        Kernels k = KernelProvider.get();
        float[] ad = a.storage.floats;
        float[] bd = b.storage.floats;
        Broadcast.forEachRun(shape, Broadcast.expandedStrides(a, shape), a.offset, Broadcast.expandedStrides(b, shape),
                b.offset, (pa, sa, pb, sb, po, n) -> k.binary(op, alpha, ad, pa, sa, bd, pb, sb, out, po, n));
        return Tensor.wrap(out, shape);
    }

    static Tensor binary(Tensor a, Tensor b, BinaryOp op, String name) {
        if (a.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32) {
            if (a.dtype() == DType.INT64 && b.dtype() == DType.INT64 && op != BinaryOp.DIV && op != BinaryOp.POW) {
                return binaryLong(a, b, op, name);
            }
            a = a.toFloat();
            b = b.toFloat();
        }
        Tensor out = binaryRaw(a, b, op, 0f, name);
        if (!Autograd.needsGrad(a, b)) {
            return out;
        }
        Tensor fa = a;
        Tensor fb = b;
        return Autograd.record(out, name, new Tensor[] {a, b}, new Tensor[] {a, b},
                g -> binaryBackward(op, g, fa, fb, out));
    }

    private static Tensor[] binaryBackward(BinaryOp op, Tensor g, Tensor a, Tensor b, Tensor out) {
        boolean needA = a.requiresGrad();
        boolean needB = b.requiresGrad();
        Tensor ga = null;
        Tensor gb = null;
        switch (op) {
            case ADD -> {
                ga = needA ? g : null;
                gb = needB ? g : null;
            }
            case SUB -> {
                ga = needA ? g : null;
                gb = needB ? g.neg() : null;
            }
            case MUL -> {
                ga = needA ? g.mul(b) : null;
                gb = needB ? g.mul(a) : null;
            }
            case DIV -> {
                ga = needA ? g.div(b) : null;
                gb = needB ? g.mul(out).div(b).neg() : null;
            }
            case MAX, MIN -> {
                // Gradient goes to the larger (smaller) input; ties split it evenly, as torch.
                Tensor ae = a.expand(out.shape);
                Tensor be = b.expand(out.shape);
                float[] wa = new float[out.numel()];
                float[] av = ae.toFloatArray();
                float[] bv = be.toFloatArray();
                boolean max = op == BinaryOp.MAX;
                for (int i = 0; i < wa.length; i++) {
                    wa[i] = av[i] == bv[i] ? 0.5f : ((av[i] > bv[i]) == max ? 1f : 0f);
                }
                Tensor w = Tensor.wrap(wa, out.shape);
                ga = needA ? g.mul(w) : null;
                gb = needB ? g.mul(w.rsub(1.0)) : null;
            }
            case POW -> {
                ga = needA ? g.mul(b).mul(a.pow(b.sub(1.0))) : null;
                if (needB) {
                    // d/db a^b = a^b ln a, defined as 0 where a == 0 and b >= 0.
                    Tensor la = a.log();
                    Tensor zeroBase = a.expand(out.shape).eq(0.0).logicalAnd(b.expand(out.shape).ge(0.0));
                    gb = g.mul(out.mul(la)).maskedFill(zeroBase, 0f);
                }
            }
            default -> throw new UnsupportedOperationException("no gradient for binary op " + op);
        }
        return new Tensor[] {
            ga == null ? null : Reductions.sumToShape(ga, a.shape),
            gb == null ? null : Reductions.sumToShape(gb, b.shape)
        };
    }

    private static Tensor binaryLong(Tensor a, Tensor b, BinaryOp op, String name) {
        int[] shape = Shapes.broadcast(name, a.shape, b.shape);
        Tensor ae = a.expand(shape);
        Tensor be = b.expand(shape);
        long[] av = ae.toLongArray();
        long[] bv = be.toLongArray();
        long[] out = new long[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (op) {
                case ADD -> av[i] + bv[i];
                case SUB -> av[i] - bv[i];
                case MUL -> av[i] * bv[i];
                case MAX -> Math.max(av[i], bv[i]);
                case MIN -> Math.min(av[i], bv[i]);
                default -> throw new IllegalArgumentException(name + ": not supported on int64 tensors");
            };
        }
        return new Tensor(Storage.of(out), shape);
    }

    static Tensor binaryInPlace(Tensor t, Tensor other, BinaryOp op, float alpha, String name) {
        t.requireFloat(name);
        t.checkInPlace(name);
        other = other.dtype() == DType.FLOAT32 ? other : other.toFloat();
        int[] shape = Shapes.broadcast(name, t.shape, other.shape);
        if (!Arrays.equals(shape, t.shape)) {
            throw new IllegalArgumentException(name + ": output with shape " + Arrays.toString(t.shape)
                    + " doesn't match the broadcast shape " + Arrays.toString(shape));
        }
        Kernels k = KernelProvider.get();
        if (t.isContiguous() && other.isContiguous() && Arrays.equals(t.shape, other.shape)) {
            k.binary(op, alpha, t.storage.floats, t.offset, 1, other.storage.floats, other.offset, 1,
                    t.storage.floats, t.offset, t.numel());
        } else {
            Tensor r = binaryRaw(t, other, op, alpha, name);
            StridedIter.scatterFloats(r.storage.floats, 0, t.storage.floats, t.shape, t.strides, t.offset);
        }
        t.storage.version++;
        return t;
    }

    static Tensor compare(Tensor a, Tensor b, Cmp cmp) {
        String name = cmp.name().toLowerCase();
        int[] shape = Shapes.broadcast(name, a.shape, b.shape);
        Tensor ae = a.expand(shape);
        Tensor be = b.expand(shape);
        boolean[] out = new boolean[Shapes.numel(shape)];
        if (a.dtype() == DType.FLOAT32 || b.dtype() == DType.FLOAT32) {
            float[] av = ae.toFloatArray();
            float[] bv = be.toFloatArray();
            for (int i = 0; i < out.length; i++) {
                out[i] = test(cmp, av[i] < bv[i] ? -1 : (av[i] > bv[i] ? 1 : (av[i] == bv[i] ? 0 : 2)));
            }
        } else {
            long[] av = ae.toLongArray();
            long[] bv = be.toLongArray();
            for (int i = 0; i < out.length; i++) {
                out[i] = test(cmp, Long.compare(av[i], bv[i]));
            }
        }
        return new Tensor(Storage.of(out), shape);
    }

    /** c is -1, 0, 1, or 2 for unordered (NaN): every comparison but NE is false then. */
    private static boolean test(Cmp cmp, int c) {
        if (c == 2) {
            return cmp == Cmp.NE;
        }
        return switch (cmp) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    static Tensor logical(Tensor a, Tensor b, Logic op) {
        if (op == Logic.NOT) {
            boolean[] v = a.toBoolArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = !v[i];
            }
            return new Tensor(Storage.of(v), a.shape.clone());
        }
        String name = op == Logic.AND ? "logical_and" : "logical_or";
        int[] shape = Shapes.broadcast(name, a.shape, b.shape);
        boolean[] av = a.expand(shape).toBoolArray();
        boolean[] bv = b.expand(shape).toBoolArray();
        for (int i = 0; i < av.length; i++) {
            av[i] = op == Logic.AND ? av[i] && bv[i] : av[i] || bv[i];
        }
        return new Tensor(Storage.of(av), shape);
    }
}
