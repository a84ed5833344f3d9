package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Merges the examples of one batch into a batch value, as the {@code collate_fn} of a
 * {@code torch.utils.data.DataLoader}. Runs on worker threads when the loader has workers.
 *
 * @param <T> the example type
 * @param <B> the batch type
 */
@FunctionalInterface
public interface Collate<T, B> {

    /** Builds one batch from its examples (never empty, in sampler order). */
    B collate(List<T> examples);

    /** The default: stacks inputs into (B, ...) and targets into (B, ...). */
    static Collate<Sample, Batch> stack() {
        return examples -> {
            int n = examples.size();
            Tensor[] in = new Tensor[n];
            Tensor[] tg = new Tensor[n];
            for (int i = 0; i < n; i++) {
                Sample s = examples.get(i);
                in[i] = s.input();
                tg[i] = s.target();
            }
            return new Batch(stackChecked(in, "inputs"), stackChecked(tg, "targets"));
        };
    }

    /** Stacks tensors (all the same shape) into (B, ...). */
    static Collate<Tensor, Tensor> stackTensors() {
        return examples -> stackChecked(examples.toArray(new Tensor[0]), "examples");
    }

    /** Keeps the examples as they are: the batch is the list itself. */
    static <T> Collate<T, List<T>> list() {
        return List::copyOf;
    }

    private static Tensor stackChecked(Tensor[] ts, String what) {
        for (int i = 1; i < ts.length; i++) {
            if (ts[i].dtype() != ts[0].dtype()) {
                throw new IllegalArgumentException("collate: " + what + " have different dtypes: "
                        + ts[0].dtype().torchName() + " at entry 0 and " + ts[i].dtype().torchName() + " at entry " + i);
            }
        }
        try {
            return Tensor.stack(ts, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("collate: cannot stack " + what + ": " + e.getMessage(), e);
        }
    }
}
