package dev.nabla.conformance;

import dev.nabla.nn.functional.BinaryLosses;
import dev.nabla.nn.functional.ClassificationLosses;
import dev.nabla.nn.functional.LikelihoodLosses;
import dev.nabla.nn.functional.MarginLosses;
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
        r.register("soft_margin_loss", OpAdapter.single((in, kw) -> MarginLosses.softMarginLoss(in.get("input"),
                in.get("target"), reduction(kw))));
        r.register("margin_ranking_loss", OpAdapter.single((in, kw) -> MarginLosses.marginRankingLoss(
                in.get("input1"), in.get("input2"), in.get("target"), kw.getDouble("margin", 0), reduction(kw))));
        r.register("hinge_embedding_loss", OpAdapter.single((in, kw) -> MarginLosses.hingeEmbeddingLoss(
                in.get("input"), in.get("target"), kw.getDouble("margin", 1), reduction(kw))));
        r.register("cosine_embedding_loss", OpAdapter.single((in, kw) -> MarginLosses.cosineEmbeddingLoss(
                in.get("input1"), in.get("input2"), in.get("target"), kw.getDouble("margin", 0), reduction(kw))));
        r.register("multilabel_soft_margin_loss", OpAdapter.single((in, kw) -> MarginLosses.multilabelSoftMarginLoss(
                in.get("input"), in.get("target"), in.get("weight"), reduction(kw))));
        r.register("triplet_margin_loss", OpAdapter.single((in, kw) -> MarginLosses.tripletMarginLoss(
                in.get("anchor"), in.get("positive"), in.get("negative"), kw.getDouble("margin", 1),
                kw.getDouble("p", 2), kw.getDouble("eps", 1e-6), kw.getBool("swap", false), reduction(kw))));
        r.register("multi_margin_loss", OpAdapter.single((in, kw) -> MarginLosses.multiMarginLoss(in.get("input"),
                in.get("target"), kw.getInt("p", 1), kw.getDouble("margin", 1), in.get("weight"), reduction(kw))));
        r.register("poisson_nll_loss", OpAdapter.single((in, kw) -> LikelihoodLosses.poissonNllLoss(in.get("input"),
                in.get("target"), kw.getBool("log_input", true), kw.getBool("full", false), kw.getDouble("eps", 1e-8),
                reduction(kw))));
        r.register("gaussian_nll_loss", OpAdapter.single((in, kw) -> LikelihoodLosses.gaussianNllLoss(
                in.get("input"), in.get("target"), in.get("var"), kw.getBool("full", false), kw.getDouble("eps", 1e-6),
                reduction(kw))));
        r.register("kl_div", OpAdapter.single((in, kw) -> RegressionLosses.klDiv(in.get("input"), in.get("target"),
                reduction(kw), kw.getBool("log_target", false))));
    }

    private static Reduction reduction(Kwargs kw) {
        return Reduction.of(kw.getString("reduction", "mean"));
    }
}
