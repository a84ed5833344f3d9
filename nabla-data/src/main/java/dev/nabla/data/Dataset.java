package dev.nabla.data;

import java.util.function.Function;

/**
 * A map-style data set: a fixed number of examples reachable by index, as
 * {@code torch.utils.data.Dataset}.
 *
 * <p>Implementations must allow {@link #get} from several threads at once when used with a
 * {@link DataLoader} that has workers (read-only data sets are naturally safe).
 *
 * <pre>{@code
 * Dataset<Sample> train = FashionMnist.sample(true);
 * Sample s = train.get(0);            // s.input() (1, 28, 28), s.target() int64 scalar
 * }</pre>
 *
 * @param <T> the example type, often {@link Sample}
 */
public interface Dataset<T> {

    /** The number of examples ({@code len(dataset)}). */
    int size();

    /** The example at {@code index}, 0 &lt;= index &lt; size(). */
    T get(int index);

    /** A view that applies {@code f} to each example when it is read (lazy, nothing is cached). */
    default <R> Dataset<R> map(Function<? super T, ? extends R> f) {
        Dataset<T> self = this;
        return new Dataset<>() {
            @Override
            public int size() {
                return self.size();
            }

            @Override
            public R get(int index) {
                return f.apply(self.get(index));
            }
        };
    }

    /** Throws a uniform message for an index outside [0, size). */
    static void checkIndex(String who, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(who + ": index " + index + " is out of range for a data set of size "
                    + size);
        }
    }
}
