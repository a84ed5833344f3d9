package dev.nabla.optim;

import dev.nabla.tensor.Tensor;

/** The fused Adam / AdamW update of one parameter, shared by {@link Adam} and {@link AdamW}. */
final class AdamUpdate {
    /** Whether the Vector API is present, so {@link AdamVectorLoop} can be loaded. */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"scalar".equals(System.getProperty("nabla.kernels"));

    private AdamUpdate() {
    }

    /**
     * One step in torch's order: weight decay (L2 into the gradient, or decoupled
     * {@code p *= 1 - lr * weight_decay}), {@code m = lerp(m, g, 1 - beta1)},
     * {@code v = beta2 * v + (1 - beta2) * g * g}, then
     * {@code p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)} with v replaced by its
     * running maximum under amsgrad.
     */
    static void apply(ParamGroup group, Tensor param, ParamState state, float[] p, int pOff, float[] g, int gOff,
                      int n, boolean decoupled) {
        double lr = group.lr();
        double beta1 = group.getDouble("betas", 0);
        double beta2 = group.getDouble("betas", 1);
        double weightDecay = group.getDouble("weight_decay");
        boolean amsgrad = group.getBool("amsgrad");
        float sign = group.getBool("maximize") ? -1f : 1f;
        if (state.buffer("exp_avg") == null) {
            state.setStep(0);
            state.put("exp_avg", Tensor.zeros(param.shape()));
            state.put("exp_avg_sq", Tensor.zeros(param.shape()));
        }
        if (amsgrad && state.buffer("max_exp_avg_sq") == null) {
            state.put("max_exp_avg_sq", Tensor.zeros(param.shape()));
        }
        long step = state.incrementStep();
        float[] m = state.data("exp_avg");
        float[] v = state.data("exp_avg_sq");
        float[] vMax = amsgrad ? state.data("max_exp_avg_sq") : null;

        float w1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float w2 = (float) (1 - beta2);
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        float negStepSize = (float) -(lr / biasCorrection1);
        float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
        float eps = (float) group.getDouble("eps");
        float wd = (float) weightDecay;
        float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        boolean l2 = !decoupled && weightDecay != 0;

        // decay is exactly 1 unless decoupled, so multiplying by it changes nothing for Adam; the loops are
        // split on the remaining options so that each stays branch-free and vectorizable.
        if (vMax == null && !l2) {
            if (VECTOR) {
                AdamVectorLoop.apply(p, pOff, g, gOff, m, v, n, new AdamVectorLoop.Coeffs(sign, decay, w1,
                        Math.abs(w1) < 0.5f, b2, w2, negStepSize, bc2Sqrt, eps));
                return;
            }
            for (int i = 0; i < n; i++) {
                float gi = sign * g[gOff + i];
                float pi = p[pOff + i] * decay;
                float mi = lerp(m[i], gi, w1);
                float vi = v[i] * b2 + w2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
                p[pOff + i] = pi + negStepSize * (mi / denom);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            float gi = sign * g[gOff + i];
            float pi = p[pOff + i] * decay;
            if (l2) {
                gi = gi + wd * pi;
            }
            float mi = lerp(m[i], gi, w1);
            float vi = v[i] * b2 + w2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float second = vi;
            if (vMax != null) {
                // torch.maximum propagates NaN
                float mx = vMax[i];
                second = (Float.isNaN(mx) || mx > vi) ? mx : vi;
                vMax[i] = second;
            }
            float denom = (float) Math.sqrt(second) / bc2Sqrt + eps;
            p[pOff + i] = pi + negStepSize * (mi / denom);
        }
    }

    /** torch's lerp for a scalar weight: exact at both ends, stable for weights on either side of 0.5. */
    static float lerp(float self, float end, float weight) {
        return Math.abs(weight) < 0.5f ? self + weight * (end - self) : end - (end - self) * (1f - weight);
    }
}
