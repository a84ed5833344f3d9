package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Random splits of a data set into non-overlapping subsets, as {@code torch.utils.data.random_split}. */
public final class Splits {
    private Splits() {
    }

    /**
     * Splits into subsets of the given lengths (summing to the data set size), from one random
     * permutation drawn from {@code generator}.
     *
     * <pre>{@code
     * List<Subset<Sample>> parts = Splits.randomSplit(ds, new int[] {50000, 10000}, new Generator(42));
     * }</pre>
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Generator generator) {
        long sum = 0;
        for (int l : lengths) {
            if (l < 0) {
                throw new IllegalArgumentException("randomSplit: lengths must be non-negative, got "
                        + Arrays.toString(lengths));
            }
            sum += l;
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: sum of input lengths " + Arrays.toString(lengths) + " is "
                    + sum + ", which does not equal the length of the input dataset (" + dataset.size() + ")");
        }
        int[] perm = (generator == null ? Generator.defaultGenerator() : generator).permutation(dataset.size());
        List<Subset<T>> out = new ArrayList<>(lengths.length);
        int pos = 0;
        for (int l : lengths) {
            out.add(new Subset<>(dataset, Arrays.copyOfRange(perm, pos, pos + l)));
            pos += l;
        }
        return out;
    }

    /**
     * Splits by fractions summing to 1, as torch: each part gets floor(n * fraction) examples and
     * the remainder is handed out one at a time round-robin from the first part.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        return randomSplit(dataset, lengthsFor(dataset.size(), fractions), generator);
    }

    /** The lengths {@link #randomSplit(Dataset, double[], Generator)} uses for n examples. */
    public static int[] lengthsFor(int n, double[] fractions) {
        double total = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("randomSplit: fraction " + f + " is not between 0 and 1 (fractions "
                        + Arrays.toString(fractions) + ")");
            }
            total += f;
        }
        if (Math.abs(total - 1) > 1e-6) {
            throw new IllegalArgumentException("randomSplit: fractions " + Arrays.toString(fractions) + " sum to " + total
                    + ", expected 1");
        }
        int[] lengths = new int[fractions.length];
        int used = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(n * fractions[i]);
            used += lengths[i];
        }
        for (int i = 0; i < n - used; i++) {
            lengths[i % lengths.length]++;
        }
        return lengths;
    }
}
