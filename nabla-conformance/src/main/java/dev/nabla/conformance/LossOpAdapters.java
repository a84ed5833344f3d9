package dev.nabla.conformance;

import dev.nabla.nn.functional.BinaryLosses;
import dev.nabla.nn.functional.ClassificationLosses;
import dev.nabla.nn.functional.Reduction;
import dev.nabla.nn.functional.RegressionLosses;

/** Adapters for losses: inputs input, target, weight, pos_weight; kwargs as in torch.nn.functional. */
final class LossOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
        r.register("cross_entropy", OpAdapter.single((in, kw) -> ClassificationLosses.crossEntropy(in.get("input"),
                in.get("target"), in.get("weight"), kw.getInt("ignore_index", -100), reduction(kw),
                kw.getDouble("label_smoothing", 0))));
        r.register("nll_loss", OpAdapter.single((in, kw) -> ClassificationLosses.nllLoss(in.get("input"),
                in.get("target"), in.get("weight"), kw.getInt("ignore_index", -100), reduction(kw))));
        r.register("mse_loss", OpAdapter.single((in, kw) ->
                RegressionLosses.mseLoss(in.get("input"), in.get("target"), reduction(kw))));
        r.register("l1_loss", OpAdapter.single((in, kw) ->
                RegressionLosses.l1Loss(in.get("input"), in.get("target"), reduction(kw))));
        r.register("smooth_l1_loss", OpAdapter.single((in, kw) -> RegressionLosses.smoothL1Loss(in.get("input"),
                in.get("target"), reduction(kw), kw.getDouble("beta", 1.0))));
        r.register("huber_loss", OpAdapter.single((in, kw) -> RegressionLosses.huberLoss(in.get("input"),
                in.get("target"), reduction(kw), kw.getDouble("delta", 1.0))));
        r.register("binary_cross_entropy", OpAdapter.single((in, kw) -> BinaryLosses.binaryCrossEntropy(
                in.get("input"), in.get("target"), in.get("weight"), reduction(kw))));
        r.register("binary_cross_entropy_with_logits", OpAdapter.single((in, kw) ->
                BinaryLosses.binaryCrossEntropyWithLogits(in.get("input"), in.get("target"), in.get("weight"),
                        in.get("pos_weight"), reduction(kw))));
        r.register("kl_div", OpAdapter.single((in, kw) -> RegressionLosses.klDiv(in.get("input"), in.get("target"),
                reduction(kw), kw.getBool("log_target", false))));
    }

    private static Reduction reduction(Kwargs kw) {
        return Reduction.of(kw.getString("reduction", "mean"));
    }
}
