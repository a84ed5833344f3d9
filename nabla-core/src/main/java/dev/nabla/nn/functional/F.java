package dev.nabla.nn.functional;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.ShapeOps;
import dev.nabla.tensor.Tensor;

/**
 * The functional API, as {@code torch.nn.functional}: stateless ops that layers wrap. Each method
 * delegates to the class of its op family, where the math and its gradient live.
 *
 * <pre>{@code
 * Tensor logits = F.linear(F.relu(F.linear(x, w1, b1)), w2, b2);
 * Tensor loss = F.crossEntropy(logits, labels);
 * }</pre>
 */
public final class F {
    private F() {
    }

    // ------------------------------------------------------------------ activations

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Activations.leakyRelu(x, negativeSlope);
    }

    public static Tensor leakyRelu(Tensor x) {
        return Activations.leakyRelu(x, 0.01);
    }

    public static Tensor elu(Tensor x, double alpha) {
        return Activations.elu(x, alpha);
    }

    public static Tensor elu(Tensor x) {
        return Activations.elu(x, 1.0);
    }

    /** Exact GELU (erf). */
    public static Tensor gelu(Tensor x) {
        return Activations.gelu(x, "none");
    }

    /** GELU with approximate "none" or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return Activations.gelu(x, approximate);
    }

    public static Tensor silu(Tensor x) {
        return Activations.silu(x);
    }

    public static Tensor softplus(Tensor x) {
        return Activations.softplus(x, 1.0, 20.0);
    }

    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return Activations.softplus(x, beta, threshold);
    }

    public static Tensor logSigmoid(Tensor x) {
        return Activations.logSigmoid(x);
    }

    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) {
        return Activations.hardtanh(x, minVal, maxVal);
    }

    public static Tensor hardtanh(Tensor x) {
        return Activations.hardtanh(x, -1.0, 1.0);
    }

    public static Tensor relu6(Tensor x) {
        return Activations.relu6(x);
    }

    public static Tensor selu(Tensor x) {
        return Activations.selu(x);
    }

    public static Tensor celu(Tensor x, double alpha) {
        return Activations.celu(x, alpha);
    }

    public static Tensor celu(Tensor x) {
        return Activations.celu(x, 1.0);
    }

    public static Tensor mish(Tensor x) {
        return Activations.mish(x);
    }

    public static Tensor hardswish(Tensor x) {
        return Activations.hardswish(x);
    }

    public static Tensor hardsigmoid(Tensor x) {
        return Activations.hardsigmoid(x);
    }

    public static Tensor softsign(Tensor x) {
        return Activations.softsign(x);
    }

    public static Tensor tanhshrink(Tensor x) {
        return Activations.tanhshrink(x);
    }

    public static Tensor threshold(Tensor x, double threshold, double value) {
        return Activations.threshold(x, threshold, value);
    }

    public static Tensor softshrink(Tensor x, double lambd) {
        return Activations.softshrink(x, lambd);
    }

    public static Tensor hardshrink(Tensor x, double lambd) {
        return Activations.hardshrink(x, lambd);
    }

    public static Tensor conv3d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return Volumetric.conv3d(x, w, b, stride, padding, dilation, groups);
    }

    public static Tensor convTranspose3d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return Volumetric.convTranspose3d(x, w, b, stride, padding, outputPadding, groups, dilation);
    }

    public static Tensor maxPool3d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        return Volumetric.maxPool3d(x, kernel, stride, padding, dilation, ceilMode);
    }

    public static Tensor avgPool3d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, Integer divisorOverride) {
        return Volumetric.avgPool3d(x, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    public static Tensor adaptiveAvgPool3d(Tensor x, int outD, int outH, int outW) {
        return Volumetric.adaptiveAvgPool3d(x, outD, outH, outW);
    }

    public static Tensor adaptiveMaxPool3d(Tensor x, int outD, int outH, int outW) {
        return Volumetric.adaptiveMaxPool3d(x, outD, outH, outW);
    }

    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training, Generator g) {
        return Activations.rrelu(x, lower, upper, training, g);
    }

    public static Tensor softmin(Tensor x, int dim) {
        return Activations.softmin(x, dim);
    }

    public static Tensor glu(Tensor x, int dim) {
        return Activations.glu(x, dim);
    }

    public static Tensor prelu(Tensor x, Tensor weight) {
        return Activations.prelu(x, weight);
    }

    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        return Similarity.normalize(x, p, dim, eps);
    }

    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        return Similarity.cosineSimilarity(x1, x2, dim, eps);
    }

    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        return Similarity.pairwiseDistance(x1, x2, p, eps, keepdim);
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    public static Tensor dropout(Tensor x, double p, boolean training, Generator g) {
        return Activations.dropout(x, p, training, g);
    }

    public static Tensor dropout2d(Tensor x, double p, boolean training, Generator g) {
        return Activations.dropout2d(x, p, training, g);
    }

    // ------------------------------------------------------------------ linear

    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return LinearOps.linear(input, weight, bias);
    }

    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        return LinearOps.addmm(input, mat1, mat2, beta, alpha);
    }

    public static Tensor pad(Tensor input, int[] pad, float value) {
        return ShapeOps.pad(input, pad, value);
    }

    /** Pads with mode "constant", "reflect", "replicate" or "circular". */
    public static Tensor pad(Tensor input, int[] pad, String mode, float value) {
        return ShapeOps.pad(input, pad, mode, value);
    }

    // ------------------------------------------------------------------ convolution, pooling, resampling
    // (Convolution, Pooling, Resampling)

    public static Tensor conv1d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation, int groups) {
        return Convolution.conv1d(x, w, b, stride, padding, dilation, groups);
    }

    public static Tensor conv1d(Tensor x, Tensor w, Tensor b) {
        return Convolution.conv1d(x, w, b, 1, 0, 1, 1);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /** conv2d with padding "same" or "valid". */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    public static Tensor conv1d(Tensor x, Tensor w, Tensor b, int stride, String padding, int dilation, int groups) {
        return Convolution.conv1d(x, w, b, stride, padding, dilation, groups);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor b) {
        return Convolution.conv2d(x, w, b, null, (int[]) null, null, 1);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return Convolution.conv2d(x, w, b, new int[] {stride}, new int[] {padding}, null, 1);
    }

    public static Tensor convTranspose1d(Tensor x, Tensor w, Tensor b, int stride, int padding, int outputPadding,
                                         int groups, int dilation) {
        return Convolution.convTranspose1d(x, w, b, stride, padding, outputPadding, groups, dilation);
    }

    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return Convolution.convTranspose2d(x, w, b, stride, padding, outputPadding, groups, dilation);
    }

    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return Convolution.convTranspose2d(x, w, b, new int[] {stride}, new int[] {padding}, null, 1, null);
    }

    public static Tensor unfold(Tensor x, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        return Folding.unfold(x, kernelSize, dilation, padding, stride);
    }

    public static Tensor fold(Tensor x, int[] outputSize, int[] kernelSize, int[] dilation, int[] padding,
                              int[] stride) {
        return Folding.fold(x, outputSize, kernelSize, dilation, padding, stride);
    }

    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        return Pooling.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
    }

    /** Max pooling with a square kernel and stride = kernel. */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return Pooling.maxPool2d(x, new int[] {kernel}, null, null, null, false);
    }

    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return Pooling.maxPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, null, false);
    }

    public static Tensor maxPool1d(Tensor x, int kernel, Integer stride, int padding, int dilation, boolean ceilMode) {
        return Pooling.maxPool1d(x, kernel, stride, padding, dilation, ceilMode);
    }

    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, Integer divisorOverride) {
        return Pooling.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    /** Average pooling with a square kernel and stride = kernel. */
    public static Tensor avgPool2d(Tensor x, int kernel) {
        return Pooling.avgPool2d(x, new int[] {kernel}, null, null, false, true, null);
    }

    public static Tensor avgPool1d(Tensor x, int kernel, Integer stride, int padding, boolean ceilMode,
                                   boolean countIncludePad) {
        return Pooling.avgPool1d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return Pooling.adaptiveAvgPool2d(x, outH, outW);
    }

    public static Tensor adaptiveMaxPool2d(Tensor x, int outH, int outW) {
        return Pooling.adaptiveMaxPool2d(x, outH, outW);
    }

    public static Tensor adaptiveAvgPool1d(Tensor x, int out) {
        return Pooling.adaptiveAvgPool1d(x, out);
    }

    public static Tensor adaptiveMaxPool1d(Tensor x, int out) {
        return Pooling.adaptiveMaxPool1d(x, out);
    }

    public static Tensor interpolate(Tensor x, int[] size, double[] scaleFactor, String mode, Boolean alignCorners,
                                     Boolean recomputeScaleFactor) {
        return Resampling.interpolate(x, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
    }

    public static Tensor pixelShuffle(Tensor x, int upscaleFactor) {
        return Resampling.pixelShuffle(x, upscaleFactor);
    }

    public static Tensor pixelUnshuffle(Tensor x, int downscaleFactor) {
        return Resampling.pixelUnshuffle(x, downscaleFactor);
    }

    public static Tensor interpolate(Tensor x, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        return Resampling.interpolate(x, size, scaleFactor, mode, alignCorners);
    }

    // ------------------------------------------------------------------ normalization and embedding
    // (Normalization, Embeddings)

    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** Batch norm with torch's defaults momentum 0.1 and eps 1e-5. */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, 0.1, 1e-5);
    }

    public static Tensor instanceNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, double momentum, double eps) {
        return Normalization.instanceNorm(x, runningMean, runningVar, weight, bias, useInputStats, momentum, eps);
    }

    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    /** Layer norm with eps 1e-5. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, 1e-5);
    }

    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        return Normalization.groupNorm(x, numGroups, weight, bias, eps);
    }

    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        return Embeddings.embedding(indices, weight, paddingIdx);
    }

    public static Tensor embedding(Tensor indices, Tensor weight) {
        return Embeddings.embedding(indices, weight, null);
    }

    // ------------------------------------------------------------------ losses
    // (ClassificationLosses, RegressionLosses, BinaryLosses)

    /** Cross-entropy with class-index or class-probability targets; mean over samples. */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return ClassificationLosses.crossEntropy(input, target, null, ClassificationLosses.DEFAULT_IGNORE_INDEX,
                Reduction.MEAN, 0.0);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return ClassificationLosses.crossEntropy(input, target, null, ClassificationLosses.DEFAULT_IGNORE_INDEX,
                reduction, 0.0);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction,
                                      double labelSmoothing) {
        return ClassificationLosses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    public static Tensor nllLoss(Tensor input, Tensor target) {
        return ClassificationLosses.nllLoss(input, target, null, ClassificationLosses.DEFAULT_IGNORE_INDEX,
                Reduction.MEAN);
    }

    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return ClassificationLosses.nllLoss(input, target, weight, ignoreIndex, reduction);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return RegressionLosses.mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return RegressionLosses.mseLoss(input, target, reduction);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return RegressionLosses.l1Loss(input, target, Reduction.MEAN);
    }

    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        return RegressionLosses.l1Loss(input, target, reduction);
    }

    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return RegressionLosses.smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        return RegressionLosses.smoothL1Loss(input, target, reduction, beta);
    }

    public static Tensor huberLoss(Tensor input, Tensor target) {
        return RegressionLosses.huberLoss(input, target, Reduction.MEAN, 1.0);
    }

    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        return RegressionLosses.huberLoss(input, target, reduction, delta);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return BinaryLosses.binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        return BinaryLosses.binaryCrossEntropy(input, target, weight, reduction);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return BinaryLosses.binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        return BinaryLosses.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    /** KL divergence with log-probability input; reduction default MEAN (BATCHMEAN is the true KL). */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        return RegressionLosses.klDiv(input, target, reduction, logTarget);
    }

    public static Tensor klDiv(Tensor input, Tensor target) {
        return RegressionLosses.klDiv(input, target, Reduction.MEAN, false);
    }

    // ------------------------------------------------------------------ recurrent and attention
    // (Recurrent, RnnCells, Attention)

    /** A multi-layer RNN / LSTM / GRU over a sequence; see {@link Recurrent#rnn}. */
    public static RnnOutput rnn(RnnMode mode, Tensor input, Tensor h0, Tensor c0, RnnWeights weights,
                                boolean batchFirst, double dropout, boolean training, Generator g) {
        return Recurrent.rnn(mode, input, h0, c0, weights, batchFirst, dropout, training, g);
    }

    /** Multi-head attention forward, as {@code F.multi_head_attention_forward}; see {@link Attention}. */
    public static MhaOutput multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads,
                                               Tensor inProjWeight, Tensor inProjBias, Tensor outProjWeight,
                                               Tensor outProjBias, Tensor keyPaddingMask, Tensor attnMask,
                                               boolean needWeights, boolean averageAttnWeights, boolean batchFirst,
                                               double dropout, boolean training, Generator g, boolean isCausal) {
        return Attention.multiHeadAttention(query, key, value, numHeads, inProjWeight, inProjBias, outProjWeight,
                outProjBias, keyPaddingMask, attnMask, needWeights, averageAttnWeights, batchFirst, dropout, training, g,
                isCausal);
    }

    /** softmax(q k^T / sqrt(E)) v with no mask or dropout. */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v) {
        return Attention.scaledDotProductAttention(q, k, v, null, 0.0, false, null);
    }

    /** Scaled dot-product attention; a bool attnMask is true where attention is allowed (PyTorch's convention). */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, double dropoutP,
                                                   boolean isCausal, Generator g) {
        return Attention.scaledDotProductAttention(q, k, v, attnMask, dropoutP, isCausal, g);
    }
}
