package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * The options a Transformer encoder or decoder block is built from ({@link TransformerEncoderLayer},
 * {@link TransformerDecoderLayer}), their check, and the feed-forward activation. The submodules
 * stay in the subclasses, which register them in PyTorch's order.
 */
public abstract class TransformerLayer extends Module {
    public final int dModel;
    public final int nhead;
    public final int dimFeedforward;
    public final double dropoutP;
    /** "relu" or "gelu". */
    public final String activation;
    public final double layerNormEps;
    public final boolean batchFirst;
    public final boolean normFirst;
    public final boolean bias;
    /** Kept so that {@link #copy()} builds the copy with the same generator. */
    protected final Generator generator;

    TransformerLayer(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
            double layerNormEps, boolean batchFirst, boolean normFirst, boolean bias, Generator g) {
        if (!activation.equals("relu") && !activation.equals("gelu")) {
            throw new IllegalArgumentException(typeName() + ": activation should be relu/gelu, not " + activation);
        }
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropoutP = dropout;
        this.activation = activation;
        this.layerNormEps = layerNormEps;
        this.batchFirst = batchFirst;
        this.normFirst = normFirst;
        this.bias = bias;
        this.generator = g;
    }

    /** A new layer with the same options and a copy of this one's parameters (as copy.deepcopy). */
    public abstract TransformerLayer copy();

    /** Gives {@code fresh} (built with this layer's options) this layer's parameters and mode; returns it. */
    protected final <L extends TransformerLayer> L withStateOf(L fresh) {
        fresh.loadStateDict(stateDict());
        fresh.train(isTraining());
        return fresh;
    }

    /** The feed-forward activation, relu or gelu. */
    protected final Tensor activate(Tensor h) {
        return activation.equals("relu") ? F.relu(h) : F.gelu(h);
    }
}
