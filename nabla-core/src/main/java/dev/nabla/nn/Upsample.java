package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Resizes the spatial dims, as {@code torch.nn.Upsample}: give a target size or a scale factor,
 * and a mode ("nearest" (default), "linear", "bilinear", "bicubic", "trilinear", "nearest-exact");
 * alignCorners (null, or true/false for the linear modes) as in {@code F.interpolate}.
 *
 * <pre>{@code
 * Upsample up = Upsample.scale(2.0, "bilinear", false);
 * }</pre>
 */
public final class Upsample extends Module {
    private final int[] size;
    private final double[] scaleFactor;
    public final String mode;
    public final Boolean alignCorners;

    private Upsample(int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if ((size == null) == (scaleFactor == null)) {
            throw new IllegalArgumentException("Upsample: give exactly one of size and scale_factor");
        }
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /** Upsample by the same factor in every spatial dim. */
    public static Upsample scale(double scaleFactor, String mode, Boolean alignCorners) {
        return new Upsample(null, new double[] {scaleFactor}, mode, alignCorners);
    }

    /** Nearest-neighbour upsampling by {@code scaleFactor}. */
    public static Upsample scale(double scaleFactor) {
        return scale(scaleFactor, "nearest", null);
    }

    /** One factor per spatial dim. */
    public static Upsample scale(double[] scaleFactor, String mode, Boolean alignCorners) {
        return new Upsample(null, scaleFactor.clone(), mode, alignCorners);
    }

    /** Resize to {@code size} (one value for every spatial dim, or one per dim). */
    public static Upsample size(int[] size, String mode, Boolean alignCorners) {
        return new Upsample(size.clone(), null, mode, alignCorners);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.interpolate(input, size, scaleFactor, mode, alignCorners);
    }

    @Override
    protected String extraRepr() {
        String info;
        if (scaleFactor != null) {
            if (scaleFactor.length == 1) {
                info = "scale_factor=" + py(scaleFactor[0]);
            } else {
                StringBuilder sb = new StringBuilder("scale_factor=(");
                for (int i = 0; i < scaleFactor.length; i++) {
                    sb.append(i > 0 ? ", " : "").append(py(scaleFactor[i]));
                }
                info = sb.append(')').toString();
            }
        } else {
            info = "size=" + PoolSupport.py(size);
        }
        return info + ", mode='" + mode + "'";
    }
}
