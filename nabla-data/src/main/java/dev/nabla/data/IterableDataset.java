package dev.nabla.data;

/**
 * A stream-style data set: examples come from an iterator, with no index and possibly no known
 * length, as {@code torch.utils.data.IterableDataset}. A {@link DataLoader} batches them in order;
 * shuffling and samplers do not apply.
 *
 * @param <T> the example type
 */
@FunctionalInterface
public interface IterableDataset<T> extends Iterable<T> {
}
