package dev.nabla.train.callbacks;

import dev.nabla.train.TrainContext;
import java.util.Map;

/**
 * Hooks into {@link dev.nabla.train.Trainer#fit}, as Keras callbacks and Lightning hooks. Every
 * method has an empty default; {@code ctx} gives the model, optimizer, epoch, step and a way to
 * stop training. Callbacks run in the order given to the trainer. A callback that also implements
 * {@link dev.nabla.io.Stateful} is saved in checkpoints under its {@link #stateName()}.
 */
public interface Callback {
    default void onTrainBegin(TrainContext ctx) {}

    default void onEpochBegin(TrainContext ctx) {}

    /** After each batch (and after the optimizer step, when the batch completed an accumulation). */
    default void onBatchEnd(TrainContext ctx) {}

    /** After validation; {@code logs} holds the epoch's metrics ({@code train_loss}, {@code val_accuracy}, {@code lr}, ...). */
    default void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {}

    default void onTrainEnd(TrainContext ctx) {}

    /** The checkpoint part name used when this callback is {@link dev.nabla.io.Stateful}. */
    default String stateName() {
        return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
