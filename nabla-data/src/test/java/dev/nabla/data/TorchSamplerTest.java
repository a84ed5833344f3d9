package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.tensor.Generator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RandomSampler and shuffled DataLoader orders against torch 1.13's for the same seeds: the expected
 * indices are in torch-sampler-reference.txt, written by running torch (tools/torch_rng_reference.py data).
 */
class TorchSamplerTest {
    private static long[] torch(String name) {
        return TorchReference.longs(name);
    }

    private static long[] epochs(Sampler s, int count) {
        long[] out = new long[count * s.length()];
        int at = 0;
        for (int e = 0; e < count; e++) {
            for (int i : s.indices(e)) {
                out[at++] = i;
            }
        }
        return out;
    }

    private static long[] loaderEpochs(DataLoader<Sample, Batch> loader, int count) {
        long[] out = new long[0];
        for (int e = 0; e < count; e++) {
            List<Long> t = DataLoaderTest.targetsOf(loader);
            int at = out.length;
            out = Arrays.copyOf(out, at + t.size());
            for (int i = 0; i < t.size(); i++) {
                out[at + i] = t.get(i);
            }
        }
        return out;
    }

    @Test
    void randomSamplerWithAGeneratorDrawsAsTorch() {
        assertArrayEquals(torch("sampler.gen0.n10.3epochs"), epochs(new RandomSampler(10, new Generator(0)), 3));
        assertArrayEquals(torch("sampler.gen2.n5.ns12.2epochs"),
                epochs(new RandomSampler(5, false, 12, new Generator(2)), 2));
        assertArrayEquals(torch("sampler.gen3.repl.n3.ns40.2epochs"),
                epochs(new RandomSampler(3, true, 40, new Generator(3)), 2));
    }

    @Test
    void randomSamplerWithoutAGeneratorSeedsFromTheDefaultOne() {
        Generator.defaultGenerator().manualSeed(4);
        assertArrayEquals(torch("sampler.global4.n10.3epochs"), epochs(new RandomSampler(10, false, 10, null), 3));
    }

    @Test
    void randomSamplerEpochsAreReproducibleInAnyOrder() {
        RandomSampler s = new RandomSampler(10, new Generator(0));
        int[] e2 = s.indices(2);
        int[] e0 = s.indices(0);
        assertArrayEquals(e2, s.indices(2));
        long[] all = torch("sampler.gen0.n10.3epochs");
        for (int i = 0; i < 10; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(all[i], e0[i]);
            org.junit.jupiter.api.Assertions.assertEquals(all[20 + i], e2[i]);
        }
    }

    @Test
    void shuffledDataLoaderGivesTorchsBatches() {
        DataLoader<Sample, Batch> withGen = DataLoader.builder(DataLoaderTest.numbers(10)).batchSize(3).shuffle(true)
                .generator(new Generator(0)).build();
        assertArrayEquals(torch("loader.gen0.n10.bs3.3epochs"), loaderEpochs(withGen, 3));
        Generator.defaultGenerator().manualSeed(0);
        DataLoader<Sample, Batch> global = DataLoader.builder(DataLoaderTest.numbers(10)).batchSize(4).shuffle(true)
                .build();
        assertArrayEquals(torch("loader.global0.n10.bs4.3epochs"), loaderEpochs(global, 3));
    }

    @Test
    void weightedRandomSamplerDrawsAsTorchsMultinomial() {
        double[] w = {0.1, 0.0, 2.0, 0.5, 1.0, 3.0, 0.25};
        Object[][] cases = {{true, 20, 5}, {false, 4, 6}, {true, 1, 7}, {false, 1, 8}, {false, 6, 9}};
        for (Object[] c : cases) {
            boolean repl = (Boolean) c[0];
            int ns = (Integer) c[1];
            int seed = (Integer) c[2];
            String name = "weighted.gen" + seed + "." + (repl ? "repl" : "norepl") + ".ns" + ns + ".3epochs";
            assertArrayEquals(torch(name), epochs(new WeightedRandomSampler(w, ns, repl, new Generator(seed)), 3), name);
        }
        Generator.defaultGenerator().manualSeed(10);
        assertArrayEquals(torch("weighted.global10.repl.ns15.2epochs"),
                epochs(new WeightedRandomSampler(w, 15, true, null), 2));
    }

    @Test
    void randomSplitMatchesTorch() {
        List<Subset<Sample>> parts = Splits.randomSplit(DataLoaderTest.numbers(20), new int[] {5, 15}, new Generator(42));
        assertArrayEquals(torch("random_split.gen42.n20.5.15"), concat(parts));
        List<Subset<Sample>> byFraction = Splits.randomSplit(DataLoaderTest.numbers(11), new double[] {0.3, 0.7},
                new Generator(1));
        assertArrayEquals(torch("random_split.gen1.n11.0.3.0.7.lengths"),
                new long[] {byFraction.get(0).size(), byFraction.get(1).size()});
        assertArrayEquals(torch("random_split.gen1.n11.0.3.0.7"), concat(byFraction));
    }

    private static long[] concat(List<Subset<Sample>> parts) {
        return parts.stream().flatMapToInt(p -> Arrays.stream(p.indices())).asLongStream().toArray();
    }

    @Test
    void fashionMnistSizedLoaderMatchesTorchEpochAfterEpoch() {
        RandomSampler s = new RandomSampler(60000, false, 60000, new Generator(0), 1); // as the loader builds it
        for (int e = 0; e < 3; e++) {
            int[] idx = s.indices(e);
            long[] head = new long[300];
            for (int i = 0; i < 300; i++) {
                head[i] = idx[i];
            }
            assertArrayEquals(torch("loader.gen0.n60000.bs100.epoch" + e + ".head"), head, "epoch " + e);
        }
    }
}
