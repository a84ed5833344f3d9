package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerAndSplitTest {

    @Test
    void randomSamplerPermutationsAndReplacement() {
        RandomSampler s = new RandomSampler(20, new Generator(1));
        int[] a = s.indices(0);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(a, s.indices(0));
        assertNotEquals(Arrays.toString(a), Arrays.toString(s.indices(1)));
        // numSamples > n without replacement: whole permutations back to back.
        int[] longer = new RandomSampler(5, false, 12, new Generator(2)).indices(0);
        assertEquals(12, longer.length);
        int[] first5 = Arrays.copyOf(longer, 5);
        Arrays.sort(first5);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, first5);
        int[] withRep = new RandomSampler(3, true, 1000, new Generator(3)).indices(0);
        int[] counts = new int[3];
        for (int i : withRep) {
            counts[i]++;
        }
        for (int c : counts) {
            assertTrue(c > 250 && c < 420, Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> new RandomSampler(3, false, 0, null));
    }

    @Test
    void weightedSamplerFollowsTheWeights() {
        double[] w = {1, 0, 3, 6};
        WeightedRandomSampler s = new WeightedRandomSampler(w, 20000, true, new Generator(7));
        int[] counts = new int[4];
        for (int i : s.indices(0)) {
            counts[i]++;
        }
        assertEquals(0, counts[1], "a zero weight is never drawn");
        assertEquals(0.1, counts[0] / 20000.0, 0.015);
        assertEquals(0.3, counts[2] / 20000.0, 0.015);
        assertEquals(0.6, counts[3] / 20000.0, 0.015);

        // Without replacement: distinct indices, zero weights excluded, heavy ones first more often.
        WeightedRandomSampler nr = new WeightedRandomSampler(new double[] {1, 0, 1, 100}, 3, false, new Generator(8));
        int heavyFirst = 0;
        for (int e = 0; e < 200; e++) {
            int[] idx = nr.indices(e);
            Set<Integer> set = new HashSet<>();
            for (int i : idx) {
                set.add(i);
            }
            assertEquals(Set.of(0, 2, 3), set);
            if (idx[0] == 3) {
                heavyFirst++;
            }
        }
        assertTrue(heavyFirst > 180, "heavyFirst=" + heavyFirst);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new WeightedRandomSampler(new double[] {1, 0}, 2, false, null)).getMessage()
                .contains("only 1 weights are positive"));
        assertThrows(IllegalArgumentException.class, () -> new WeightedRandomSampler(new double[] {1, -1}, 2, true, null));
        assertThrows(IllegalArgumentException.class, () -> new WeightedRandomSampler(new double[] {0, 0}, 2, true, null));
    }

    @Test
    void randomSplitLengthsAndFractions() {
        Dataset<Integer> ds = range(10);
        List<Subset<Integer>> parts = Splits.randomSplit(ds, new int[] {3, 7}, new Generator(0));
        assertEquals(3, parts.get(0).size());
        assertEquals(7, parts.get(1).size());
        Set<Integer> all = new HashSet<>();
        parts.forEach(p -> {
            for (int i = 0; i < p.size(); i++) {
                all.add(p.get(i));
            }
        });
        assertEquals(10, all.size());
        // Same generator seed: same split.
        assertArrayEquals(parts.get(0).indices(),
                Splits.randomSplit(ds, new int[] {3, 7}, new Generator(0)).get(0).indices());
        // torch: floor(n f) then the remainder round-robin from the first part.
        assertArrayEquals(new int[] {3, 3, 4}, Splits.lengthsFor(10, new double[] {0.3, 0.3, 0.4}));
        assertArrayEquals(new int[] {3, 2}, Splits.lengthsFor(5, new double[] {0.5, 0.5}));
        assertArrayEquals(new int[] {4, 3, 3}, Splits.lengthsFor(10, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Splits.randomSplit(ds, new int[] {3, 3}, null)).getMessage().contains("does not equal"));
        assertThrows(IllegalArgumentException.class, () -> Splits.lengthsFor(10, new double[] {0.5, 0.6}));
    }

    @Test
    void kFoldCoversEveryIndexExactlyOnce() {
        for (boolean shuffle : new boolean[] {false, true}) {
            List<KFold.Fold> folds = new KFold(4, shuffle, new Generator(11)).split(10);
            assertEquals(4, folds.size());
            int[] seen = new int[10];
            int[] sizes = folds.stream().mapToInt(f -> f.validation().length).toArray();
            assertArrayEquals(new int[] {3, 3, 2, 2}, sizes);
            for (KFold.Fold f : folds) {
                for (int i : f.validation()) {
                    seen[i]++;
                }
                Set<Integer> union = new HashSet<>();
                for (int i : f.train()) {
                    union.add(i);
                }
                for (int i : f.validation()) {
                    assertTrue(union.add(i), "validation index " + i + " is also in training");
                }
                assertEquals(10, union.size());
            }
            for (int c : seen) {
                assertEquals(1, c);
            }
        }
        List<KFold.Fold> plain = new KFold(2).split(4);
        assertArrayEquals(new int[] {0, 1}, plain.get(0).validation());
        assertArrayEquals(new int[] {2, 3}, plain.get(0).train());
        assertEquals(2, plain.get(1).validation(range(4)).get(0));
        assertThrows(IllegalArgumentException.class, () -> new KFold(1));
        assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(4));
    }

    @Test
    void subsetAndConcat() {
        Dataset<Integer> a = range(3);
        Dataset<Integer> empty = range(0);
        Dataset<Integer> b = range(2).map(i -> 100 + i);
        ConcatDataset<Integer> c = new ConcatDataset<>(a, empty, b);
        assertEquals(5, c.size());
        assertEquals(List.of(0, 1, 2, 100, 101), List.of(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4)));
        assertArrayEquals(new int[] {3, 3, 5}, c.cumulativeSizes());
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(5));
        Subset<Integer> s = new Subset<>(c, new int[] {4, 0});
        assertEquals(101, s.get(0));
        assertEquals(0, s.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(c, new int[] {5}));
    }

    static Dataset<Integer> range(int n) {
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Integer get(int i) {
                Dataset.checkIndex("range", i, n);
                return i;
            }
        };
    }
}
