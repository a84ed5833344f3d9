package dev.nabla.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Float arrays for results that the caller writes in full before anything reads them (as torch.empty):
 * allocated without the JVM's zeroing when the JDK lets us, else a plain {@code new float[n]}.
 *
 * <p>Why: the JVM zeroes every new array, and for an op output that a kernel overwrites right after, that
 * memset is pure cost: 2.3 % of the mlp bench step's profile and 4-6 % of the transformer's (emulated
 * AVX2, perf). {@code jdk.internal.misc.Unsafe.allocateUninitializedArray} skips it; the JDK exports that
 * package only when asked ({@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, which the
 * {@code nabla} launcher and the test JVMs pass). Without the export this class quietly uses
 * {@code new float[n]}: same results, the old speed.
 *
 * <p>Limit (measured, perf): the memset is skipped only for arrays that compiled code takes from the thread's
 * allocation buffer (TLAB). A larger array (with G1, any array of half a heap region or more, which is most
 * activations of the bench models; or more than the TLAB has left) goes through the VM's slow path,
 * {@code OptoRuntime::new_array_C}, which zeroes it anyway: the convnet profile shows {@code __memset} under
 * {@code Unsafe.allocateUninitializedArray}. So this helps mid-size outputs; large ones would need reuse.
 *
 * <p>Contract for callers: every element must be written before the array is read or published. To keep
 * callers honest, {@code -Dnabla.poisonFresh=true} (set for the test suites) fills each array with NaN, so
 * an element a caller forgets shows up as a NaN in its tests instead of as stale memory in production.
 */
public final class FreshArrays {
    /** Below this many floats the JVM's own allocation (from the thread's buffer) is as cheap. */
    static final int MIN_UNINITIALIZED = 1 << 12;
    private static final boolean POISON = Boolean.getBoolean("nabla.poisonFresh");
    private static final MethodHandle UNINITIALIZED = findUninitializedAllocator();

    private FreshArrays() {
    }

    /** Whether arrays come without zeroing here (the JDK export is in place). */
    public static boolean uninitialized() {
        return UNINITIALIZED != null;
    }

    /** A float[n] whose contents are unspecified (NaN under nabla.poisonFresh): write all of it. */
    public static float[] floats(int n) {
        float[] a = n >= MIN_UNINITIALIZED && UNINITIALIZED != null ? (float[]) allocate(float.class, n) : new float[n];
        if (POISON) {
            Arrays.fill(a, Float.NaN);
        }
        return a;
    }

    /**
     * An int[n] whose contents are unspecified: write all of it. Under nabla.poisonFresh each element is
     * Integer.MAX_VALUE, which fails loudly as an index (int arrays here hold positions).
     */
    public static int[] ints(int n) {
        int[] a = n >= MIN_UNINITIALIZED && UNINITIALIZED != null ? (int[]) allocate(int.class, n) : new int[n];
        if (POISON) {
            Arrays.fill(a, Integer.MAX_VALUE);
        }
        return a;
    }

    private static Object allocate(Class<?> type, int n) {
        try {
            return UNINITIALIZED.invokeExact(type, n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FreshArrays: uninitialized allocation of " + n + " " + type + " failed", e);
        }
    }

    /** Unsafe.allocateUninitializedArray bound to the Unsafe instance, or null when the package is not exported. */
    private static MethodHandle findUninitializedAllocator() {
        try {
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            if (!unsafeClass.getModule().isExported(unsafeClass.getPackageName(), FreshArrays.class.getModule())) {
                return null;
            }
            Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "allocateUninitializedArray",
                            MethodType.methodType(Object.class, Class.class, int.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
