package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Node;
import dev.nabla.kernel.BinaryOp;
import dev.nabla.kernel.UnaryOp;
import java.util.Arrays;

/**
 * An n-dimensional array of float32, int64 or bool with reverse-mode autograd, as {@code torch.Tensor}.
 *
 * <p>A tensor is a strided view of a {@link Storage}: views (reshape of contiguous data, permute,
 * transpose, narrow, slice, expand, squeeze, unsqueeze) share it without copying. Binary ops
 * broadcast as NumPy does. Ops that change a tensor in place end in {@code InPlace}.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Generator(0), 3, 4).requiresGrad(true);
 * Tensor loss = x.mul(x).sum();
 * loss.backward();              // x.grad() == 2 * x
 * }</pre>
 *
 * <p>The elementwise methods (unary, binary, comparisons) live in {@link TensorElementwise}, which this class
 * extends; this file keeps creation, metadata, autograd state, reductions, linear algebra and views.
 */
public final class Tensor extends TensorElementwise {
    final Storage storage;
    final int offset;
    final int[] shape;
    final int[] strides;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;

    Tensor(Storage storage, int offset, int[] shape, int[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    Tensor(Storage storage, int[] shape) {
        this(storage, 0, shape, Shapes.contiguousStrides(shape));
    }

    // ------------------------------------------------------------------ creation

    /** Wraps an array without copying; the tensor owns it from now on. */
    public static Tensor wrap(float[] data, int... shape) {
        checkLength("wrap", data.length, shape);
        return new Tensor(Storage.of(data), shape.clone());
    }

    /** A float tensor holding a copy of {@code data} in the given shape. */
    public static Tensor of(float[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** An int64 tensor holding a copy of {@code data}. */
    public static Tensor ofLongs(long[] data, int... shape) {
        checkLength("ofLongs", data.length, shape);
        return new Tensor(Storage.of(data.clone()), shape.clone());
    }

    /** An int64 tensor from ints. */
    public static Tensor ofInts(int[] data, int... shape) {
        long[] l = new long[data.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = data[i];
        }
        checkLength("ofInts", l.length, shape);
        return new Tensor(Storage.of(l), shape.clone());
    }

    /** A bool tensor holding a copy of {@code data}. */
    public static Tensor ofBools(boolean[] data, int... shape) {
        checkLength("ofBools", data.length, shape);
        return new Tensor(Storage.of(data.clone()), shape.clone());
    }

    /** A 0-dim float tensor. */
    public static Tensor scalar(float v) {
        return new Tensor(Storage.of(new float[] {v}), new int[0]);
    }

    /** A 2-D float tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        return Creation.of(rows);
    }

    private static void checkLength(String op, int length, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (Shapes.numel(shape) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values cannot fill shape " + Arrays.toString(shape)
                    + " (" + Shapes.numel(shape) + " elements)");
        }
    }

    public static Tensor empty(DType dtype, int... shape) {
        checkShape("empty", shape);
        return new Tensor(Storage.allocate(dtype, Shapes.numel(shape)), shape.clone());
    }

    public static Tensor zeros(int... shape) {
        return empty(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return empty(dtype, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        checkShape("full", shape);
        float[] d = new float[Shapes.numel(shape)];
        Arrays.fill(d, value);
        return wrap(d, shape);
    }

    public static Tensor zerosLike(Tensor t) {
        return empty(t.dtype(), t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return full(1f, t.shape);
    }

    private static void checkShape(String op, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }

    /** 0, 1, ..., end-1 as float32. */
    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    /** start, start+step, ... below end (float32), as {@code torch.arange}. */
    public static Tensor arange(double start, double end, double step) {
        return Creation.arange(start, end, step);
    }

    /** {@code steps} evenly spaced values from start to end inclusive. */
    public static Tensor linspace(double start, double end, int steps) {
        return Creation.linspace(start, end, steps);
    }

    /** The n x n identity. */
    public static Tensor eye(int n) {
        return eye(n, n);
    }

    public static Tensor eye(int n, int m) {
        return Creation.eye(n, m);
    }

    /** Uniform [0, 1) samples. */
    public static Tensor rand(Generator g, int... shape) {
        return Creation.rand(g, shape);
    }

    /** Standard normal samples. */
    public static Tensor randn(Generator g, int... shape) {
        return Creation.randn(g, shape);
    }

    /** Uniform integers in [low, high) as int64. */
    public static Tensor randint(long low, long high, Generator g, int... shape) {
        return Creation.randint(low, high, g, shape);
    }

    /** A random permutation of 0..n-1 as int64. */
    public static Tensor randperm(int n, Generator g) {
        return ofInts(g.permutation(n), n);
    }

    // ------------------------------------------------------------------ metadata

    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dimension (negative dims count from the end). */
    public int size(int dim) {
        return shape[Shapes.wrapDim("size", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shapes.numel(shape);
    }

    public DType dtype() {
        return storage.dtype;
    }

    public int[] strides() {
        return strides.clone();
    }

    /** Offset of element [0, ..., 0] in the storage array. */
    public int offset() {
        return offset;
    }

    /** The storage's version counter, bumped by every in-place write. */
    public int version() {
        return storage.version;
    }

    /** True when the elements lie row-major and adjacent in storage (from {@link #offset()}). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * For the autograd engine: a reading of the storage clock. Storages made afterwards are "newer"
     * in the sense of {@link #isWholeStorageNewerThan}.
     */
    public static long storageClock() {
        return Storage.clock();
    }

    /**
     * For the autograd engine: true when this tensor is the whole of its storage, row-major from
     * offset 0, and that storage was made after {@code clock} was read. A gradient like that, made
     * by backward rules during one pass, is referenced by nothing once the pass is over, so it can
     * become a leaf's {@code grad} without a copy.
     */
    public boolean isWholeStorageNewerThan(long clock) {
        return storage.serial > clock && offset == 0 && storage.length() == numel() && isContiguous();
    }

    /** True when this tensor and {@code other} share storage. */
    public boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    /**
     * The storage array (float32 only), for kernels. Element [i0, i1, ...] is at
     * {@code offset() + sum(ik * strides()[k])}. Writes through it bypass autograd's checks:
     * call {@link #bumpVersion()} after changing it.
     */
    public float[] storageFloats() {
        requireDType("storageFloats", DType.FLOAT32);
        return storage.floats;
    }

    /** The int64 storage array; see {@link #storageFloats()}. */
    public long[] storageLongs() {
        requireDType("storageLongs", DType.INT64);
        return storage.longs;
    }

    /** The bool storage array; see {@link #storageFloats()}. */
    public boolean[] storageBools() {
        requireDType("storageBools", DType.BOOL);
        return storage.bools;
    }

    /** Marks the storage as changed in place. */
    public void bumpVersion() {
        storage.version++;
    }

    void requireDType(String op, DType dtype) {
        if (storage.dtype != dtype) {
            throw new IllegalArgumentException(op + ": expected a " + dtype.torchName() + " tensor but got "
                    + storage.dtype.torchName() + " with shape " + Arrays.toString(shape));
        }
    }

    void requireFloat(String op) {
        requireDType(op, DType.FLOAT32);
    }

    // ------------------------------------------------------------------ autograd state

    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /** Marks a leaf as needing gradients (float32 only); returns this. */
    public Tensor requiresGrad(boolean on) {
        if (gradFn != null && !on) {
            throw new IllegalStateException("requiresGrad: you can only change requiresGrad of leaf tensors;"
                    + " use detach() to get a tensor outside the graph");
        }
        if (on && storage.dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("requiresGrad: only float32 tensors can require gradients, this one is "
                    + storage.dtype.torchName());
        }
        requiresGrad = on;
        return this;
    }

    /** The accumulated gradient, or null. */
    public Tensor grad() {
        return grad;
    }

    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient shape " + Arrays.toString(g.shape)
                    + " does not match tensor shape " + Arrays.toString(shape));
        }
        grad = g;
    }

    /** The op that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Used by {@link Autograd#record}; not for direct use. */
    public void attachGradFn(Node node) {
        this.gradFn = node;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Backward from a single-element tensor. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** Backward with an explicit upstream gradient of this tensor's shape. */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false);
    }

    public void backward(Tensor gradient, boolean retainGraph) {
        Autograd.backward(this, gradient, retainGraph);
    }

    /** The same data, cut from the graph (shares storage, as {@code detach()}). */
    public Tensor detach() {
        return new Tensor(storage, offset, shape, strides);
    }

    // ------------------------------------------------------------------ element access

    /** The value of a single-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: a Tensor with " + numel() + " elements cannot be converted to a"
                    + " scalar (shape " + Arrays.toString(shape) + ")");
        }
        return (float) storage.get(offset);
    }

    /** The value at an index (as a double, for any dtype). */
    public double get(int... index) {
        return storage.get(flatIndex(index));
    }

    /** The value at an index as a long (exact for int64). */
    public long getLong(int... index) {
        return storage.getLong(flatIndex(index));
    }

    public float getFloat(int... index) {
        return (float) get(index);
    }

    int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index: expected " + shape.length + " indices, got " + index.length);
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            int ix = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (ix < 0 || ix >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for dimension " + i
                        + " with size " + shape[i]);
            }
            p += ix * strides[i];
        }
        return p;
    }

    /** Sets one element in place (bumps the version). */
    public Tensor set(double value, int... index) {
        checkInPlace("set");
        storage.set(flatIndex(index), value);
        storage.version++;
        return this;
    }

    /** A fresh row-major copy of the values as float (any dtype). */
    public float[] toFloatArray() {
        return Conversions.toFloatArray(this);
    }

    /** The values as long (float values are truncated). */
    public long[] toLongArray() {
        return Conversions.toLongArray(this);
    }

    public int[] toIntArray() {
        return Conversions.toIntArray(this);
    }

    public boolean[] toBoolArray() {
        return Conversions.toBoolArray(this);
    }

    /**
     * Row-major float values: the storage array itself when this tensor covers it exactly,
     * else a copy. Do not modify the result.
     */
    public float[] contiguousFloats() {
        requireFloat("contiguousFloats");
        if (offset == 0 && isContiguous() && storage.floats.length == numel()) {
            return storage.floats;
        }
        return contiguousCopy().storage.floats;
    }

    // ------------------------------------------------------------------ copies and conversion

    /** This tensor if contiguous, else a contiguous copy (differentiable). */
    public Tensor contiguous() {
        return isContiguous() ? this : Views.copy(this, "contiguous");
    }

    /** A contiguous copy with its own storage, never this tensor (differentiable, as clone()). */
    public Tensor contiguousCopy() {
        return Views.copy(this, "clone");
    }

    public Tensor clone() {
        return Views.copy(this, "clone");
    }

    /** Converts to another dtype (a copy; differentiable between float32 tensors only). */
    public Tensor to(DType dtype) {
        return Conversions.to(this, dtype);
    }

    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    public Tensor toLong() {
        return to(DType.INT64);
    }

    // ------------------------------------------------------------------ in-place ops

    void checkInPlace(String op) {
        if (GradMode.isEnabled() && requiresGrad && gradFn == null) {
            throw new IllegalStateException(op + ": a leaf tensor that requires grad (shape " + Arrays.toString(shape)
                    + ") cannot be modified in place while gradients are recorded; wrap the update in GradMode.noGrad()");
        }
    }

    /** Copies src (same shape) into this view: no autograd, no in-place checks (internal use). */
    void copyRaw(Tensor src) {
        Conversions.copyRaw(this, src);
    }

    /** Sets every element to {@code value}. */
    public Tensor fillInPlace(double value) {
        checkInPlace("fillInPlace");
        StridedIter.forEach(this, (i, p) -> storage.set(p, value));
        storage.version++;
        return this;
    }

    public Tensor zeroInPlace() {
        return fillInPlace(0);
    }

    /** Copies {@code src} (broadcast to this shape) into this tensor. */
    public Tensor copyInPlace(Tensor src) {
        checkInPlace("copyInPlace");
        copyRaw(src.expand(shape));
        return this;
    }

    /** this += other (broadcast). */
    public Tensor addInPlace(Tensor other) {
        return Elementwise.binaryInPlace(this, other, BinaryOp.ADD, 0f, "addInPlace");
    }

    /** this += alpha * other (broadcast). */
    public Tensor addInPlace(Tensor other, float alpha) {
        return Elementwise.binaryInPlace(this, other, BinaryOp.ADD_SCALED, alpha, "addInPlace");
    }

    public Tensor subInPlace(Tensor other) {
        return Elementwise.binaryInPlace(this, other, BinaryOp.SUB, 0f, "subInPlace");
    }

    public Tensor mulInPlace(Tensor other) {
        return Elementwise.binaryInPlace(this, other, BinaryOp.MUL, 0f, "mulInPlace");
    }

    public Tensor divInPlace(Tensor other) {
        return Elementwise.binaryInPlace(this, other, BinaryOp.DIV, 0f, "divInPlace");
    }

    public Tensor mulInPlace(float s) {
        return Elementwise.unaryInPlace(this, UnaryOp.MUL_SCALAR, s, 0f, "mulInPlace");
    }

    public Tensor addInPlace(float s) {
        return Elementwise.unaryInPlace(this, UnaryOp.ADD_SCALAR, s, 0f, "addInPlace");
    }

    public Tensor clampInPlace(float min, float max) {
        return Elementwise.unaryInPlace(this, UnaryOp.CLAMP, min, max, "clampInPlace");
    }

    /** Sets elements where mask is true to value (mask broadcast to this shape). */
    public Tensor maskedFillInPlace(Tensor mask, float value) {
        return Indexing.maskedFillInPlace(this, mask, value);
    }

    // ------------------------------------------------------------------ elementwise: TensorElementwise

    /** Applies any kernel unary op with its scalar parameters (for the functional API). */
    public static Tensor unaryOp(Tensor x, UnaryOp op, float a, float b) {
        return Elementwise.unary(x, op, a, b);
    }

    /** condition ? input : other, broadcast, as {@code torch.where}. */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) {
        return Indexing.where(condition, input, other);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (0-dim). */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, new int[] {dim}, keepdim);
    }

    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return Reductions.mean(this, new int[] {dim}, keepdim);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /** Maximum over the given dims. */
    public Tensor amax(int[] dims, boolean keepdim) {
        return Reductions.amax(this, dims, keepdim, false);
    }

    public Tensor amax(int dim) {
        return Reductions.amax(this, new int[] {dim}, false, false);
    }

    public Tensor amin(int[] dims, boolean keepdim) {
        return Reductions.amax(this, dims, keepdim, true);
    }

    /** Maximum of all elements (0-dim). */
    public Tensor max() {
        return Reductions.amax(this, null, false, false);
    }

    public Tensor min() {
        return Reductions.amax(this, null, false, true);
    }

    /** Maximum along dim with the index of the first maximum, as {@code torch.max(x, dim)}. */
    public ValuesIndices max(int dim, boolean keepdim) {
        return Reductions.maxWithIndices(this, dim, keepdim, false);
    }

    public ValuesIndices max(int dim) {
        return max(dim, false);
    }

    public ValuesIndices min(int dim, boolean keepdim) {
        return Reductions.maxWithIndices(this, dim, keepdim, true);
    }

    /** Index of the first maximum along dim (int64). */
    public Tensor argmax(int dim) {
        return Reductions.maxWithIndices(this, dim, false, false).indices();
    }

    public Tensor argmax(int dim, boolean keepdim) {
        return Reductions.maxWithIndices(this, dim, keepdim, false).indices();
    }

    /** Index of the maximum of the flattened tensor. */
    public Tensor argmax() {
        return reshape(-1).argmax(0);
    }

    public Tensor argmin(int dim) {
        return Reductions.maxWithIndices(this, dim, false, true).indices();
    }

    public Tensor argmin(int dim, boolean keepdim) {
        return Reductions.maxWithIndices(this, dim, keepdim, true).indices();
    }

    /** Index of the minimum of the flattened tensor. */
    public Tensor argmin() {
        return reshape(-1).argmin(0);
    }

    public Tensor logsumexp(int dim, boolean keepdim) {
        return Reductions.logsumexp(this, new int[] {dim}, keepdim);
    }

    /** log(sum(exp(x))) over several dims (null: all), computed stably. */
    public Tensor logsumexp(int[] dims, boolean keepdim) {
        return Reductions.logsumexp(this, dims, keepdim);
    }

    public Tensor logsumexp(int dim) {
        return logsumexp(dim, false);
    }

    /** Variance over dims (unbiased: divide by n-1). */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
        return Reductions.var(this, dims, unbiased ? 1 : 0, keepdim);
    }

    public Tensor var(int dim, boolean unbiased) {
        return var(new int[] {dim}, unbiased, false);
    }

    /** Unbiased variance of all elements. */
    public Tensor var() {
        return Reductions.var(this, null, 1, false);
    }

    /** Variance over dims (null: all) dividing by n - correction, as {@code torch.var(correction=...)}. */
    public Tensor var(int[] dims, int correction, boolean keepdim) {
        if (correction < 0) {
            throw new IllegalArgumentException("var: correction must be non-negative, got " + correction);
        }
        return Reductions.var(this, dims, correction, keepdim);
    }

    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) {
        return var(dims, unbiased, keepdim).sqrt();
    }

    /** Standard deviation over dims (null: all) with n - correction degrees of freedom. */
    public Tensor std(int[] dims, int correction, boolean keepdim) {
        return var(dims, correction, keepdim).sqrt();
    }

    /** The 2-norm of all elements. */
    public Tensor norm() {
        return Reductions.norm(this, 2.0, null, false);
    }

    /** The p-norm over dims (null dims: all). */
    public Tensor norm(double p, int[] dims, boolean keepdim) {
        return Reductions.norm(this, p, dims, keepdim);
    }

    public Tensor softmax(int dim) {
        return SoftmaxOps.softmax(this, dim, false);
    }

    public Tensor logSoftmax(int dim) {
        return SoftmaxOps.softmax(this, dim, true);
    }

    // ------------------------------------------------------------------ linear algebra

    /** Matrix product with torch.matmul's broadcasting rules (1-D, 2-D and batched). */
    public Tensor matmul(Tensor other) {
        return LinAlg.matmul(this, other);
    }

    /** 2-D matrix product. */
    public Tensor mm(Tensor other) {
        return LinAlg.mm(this, other);
    }

    /** Batched matrix product of two 3-D tensors. */
    public Tensor bmm(Tensor other) {
        return LinAlg.bmm(this, other);
    }

    /** Transpose of a 2-D tensor (a view). */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t: expects a tensor with <= 2 dimensions, but got " + shape.length + "-D "
                    + Arrays.toString(shape));
        }
        return shape.length < 2 ? this : transpose(0, 1);
    }

    // ------------------------------------------------------------------ shape ops (views where torch gives views)

    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape, "reshape");
    }

    /** Like reshape but never copies: fails when the strides do not allow a view. */
    public Tensor view(int... newShape) {
        return Views.view(this, newShape);
    }

    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** Elements [start, start+length) along dim (a view). */
    public Tensor narrow(int dim, int start, int length) {
        // torch wraps a negative start once (start + size); the range check then sees the wrapped start.
        int d = Shapes.wrapDim("narrow", dim, shape.length);
        if (start < 0 && start >= -shape[d]) {
            start += shape[d];
        }
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("narrow: start (" + start + ") and length (" + length
                    + ") must lie in dimension " + dim + " of size " + shape[d] + " in " + Arrays.toString(shape));
        }
        return Views.slice(this, dim, start, start + length, 1, "narrow");
    }

    /** Python slicing start:end:step along dim (a view); negative and out-of-range bounds clamp as in Python. */
    public Tensor slice(int dim, int start, int end, int step) {
        return Views.slice(this, dim, start, end, step, "slice");
    }

    /** The index-th entry along dim, with that dim removed (a view). */
    public Tensor select(int dim, int index) {
        int d = Shapes.wrapDim("select", dim, shape.length);
        int ix = index < 0 ? index + shape[d] : index;
        if (ix < 0 || ix >= shape[d]) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of bounds for dimension " + dim
                    + " with size " + shape[d]);
        }
        return Views.slice(this, d, ix, ix + 1, 1, "select").squeeze(d);
    }

    /** Broadcasts to a larger shape without copying (-1 keeps a size). */
    public Tensor expand(int... newShape) {
        return Views.expand(this, newShape);
    }

    public Tensor expandAs(Tensor other) {
        return expand(other.shape);
    }

    /** Removes all dims of size 1. */
    public Tensor squeeze() {
        return Views.squeeze(this, -1, true);
    }

    /** Removes dim if its size is 1. */
    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim, false);
    }

    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /** Flattens dims startDim..endDim into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    public Tensor flatten(int startDim) {
        return flatten(startDim, -1);
    }

    public Tensor flatten() {
        return flatten(0, -1);
    }

    /** Repeats each element {@code repeats} times along dim. */
    public Tensor repeatInterleave(int repeats, int dim) {
        return ShapeOps.repeatInterleave(this, repeats, dim);
    }

    /** Tiles the tensor, as {@code torch.Tensor.repeat}. */
    public Tensor repeat(int... repeats) {
        return ShapeOps.repeat(this, repeats);
    }

    /** Splits into chunks of {@code size} along dim (views). */
    public Tensor[] split(int size, int dim) {
        return ShapeOps.split(this, size, dim);
    }

    /** Splits into n nearly equal chunks along dim (views). */
    public Tensor[] chunk(int n, int dim) {
        return ShapeOps.chunk(this, n, dim);
    }

    public static Tensor cat(Tensor[] tensors, int dim) {
        return ShapeOps.cat(tensors, dim);
    }

    public static Tensor stack(Tensor[] tensors, int dim) {
        return ShapeOps.stack(tensors, dim);
    }

    // ------------------------------------------------------------------ indexing

    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy with src added at index along dim, as {@code torch.scatter_add}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /** A copy with elements where mask is true replaced by value. */
    public Tensor maskedFill(Tensor mask, float value) {
        return Indexing.maskedFill(this, mask, value);
    }

    /** The elements where a bool mask is true, as a 1-D tensor (boolean-mask indexing). */
    public Tensor maskedSelect(Tensor mask) {
        return Indexing.maskedSelect(this, mask);
    }

    // ------------------------------------------------------------------ printing

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
