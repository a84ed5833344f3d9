package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** Example i: input [i, 10 i] (float), target i (int64). */
    static Dataset<Sample> numbers(int n) {
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Sample get(int i) {
                Dataset.checkIndex("numbers", i, n);
                return new Sample(Tensor.of(new float[] {i, 10 * i}, 2), Tensor.ofLongs(new long[] {i}));
            }
        };
    }

    static List<Long> targetsOf(Iterable<Batch> loader) {
        List<Long> out = new ArrayList<>();
        for (Batch b : loader) {
            for (long t : b.targets().toLongArray()) {
                out.add(t);
            }
        }
        return out;
    }

    static long liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(WorkerPool.THREAD_PREFIX) && t.isAlive()).count();
    }

    @Test
    void defaultCollateStacksAndCountsBatches() {
        DataLoader<Sample, Batch> loader = DataLoader.builder(numbers(10)).batchSize(4).build();
        assertEquals(3, loader.len());
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {4, 2}, batches.get(0).inputs().shape());
        assertArrayEquals(new int[] {4}, batches.get(0).targets().shape()); // 0-dim targets stack to (B)
        assertEquals(DType.INT64, batches.get(0).targets().dtype());
        assertArrayEquals(new float[] {4, 40, 5, 50, 6, 60, 7, 70}, batches.get(1).inputs().toFloatArray());
        assertArrayEquals(new int[] {2, 2}, batches.get(2).inputs().shape());
        assertArrayEquals(new long[] {8, 9}, batches.get(2).targets().toLongArray());
    }

    @Test
    void dropLastDropsTheShortBatch() {
        DataLoader<Sample, Batch> loader = DataLoader.builder(numbers(10)).batchSize(4).dropLast(true).build();
        assertEquals(2, loader.len());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), targetsOf(loader));
    }

    @Test
    void shuffleIsAPermutationPerEpochReproducibleFromSeedAndEpoch() {
        DataLoader<Sample, Batch> a = DataLoader.builder(numbers(50)).batchSize(7).shuffle(true)
                .generator(new Generator(123)).build();
        List<Long> e0 = targetsOf(a);
        List<Long> e1 = targetsOf(a);
        assertNotEquals(e0, e1, "each epoch must have a new order");
        List<Long> sorted = new ArrayList<>(e0);
        sorted.sort(null);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted.get(i));
        }
        DataLoader<Sample, Batch> b = DataLoader.builder(numbers(50)).batchSize(7).shuffle(true)
                .generator(new Generator(123)).build();
        b.setEpoch(1);
        assertEquals(e1, targetsOf(b), "epoch 1 replays alone from the seed");
        assertEquals(2, b.epoch());
        DataLoader<Sample, Batch> c = DataLoader.builder(numbers(50)).batchSize(7).shuffle(true)
                .generator(new Generator(124)).build();
        assertNotEquals(e0, targetsOf(c));
    }

    @Test
    void workersDeliverTheSameBatchesInOrder() {
        for (int workers : new int[] {1, 2, 3}) {
            DataLoader<Sample, Batch> plain = DataLoader.builder(numbers(103)).batchSize(5).shuffle(true)
                    .generator(new Generator(9)).build();
            DataLoader<Sample, Batch> par = DataLoader.builder(slowOdd(numbers(103))).batchSize(5).shuffle(true)
                    .generator(new Generator(9)).numWorkers(workers).prefetchFactor(3).build();
            assertEquals(targetsOf(plain), targetsOf(par), "workers=" + workers);
        }
        assertEquals(0, liveWorkers());
    }

    /** Makes odd examples slow so workers finish out of order. */
    static Dataset<Sample> slowOdd(Dataset<Sample> d) {
        return d.map(s -> {
            if (s.target().toLongArray()[0] % 2 == 1) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return s;
        });
    }

    @Test
    void workerExceptionIsRethrownWithTheBatchIndex() {
        Dataset<Sample> bad = numbers(40).map(s -> {
            if (s.target().toLongArray()[0] == 13) {
                throw new IllegalStateException("corrupt example 13");
            }
            return s;
        });
        for (int workers : new int[] {0, 2}) {
            DataLoader<Sample, Batch> loader = DataLoader.builder(bad).batchSize(4).numWorkers(workers).build();
            Iterator<Batch> it = loader.iterator();
            for (int i = 0; i < 3; i++) {
                it.next();
            }
            DataLoaderException e = assertThrows(DataLoaderException.class, it::next);
            assertEquals(3, e.batchIndex());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getMessage().contains("batch 3") && e.getMessage().contains("[12, 13, 14, 15]")
                    && e.getMessage().contains("corrupt example 13"), e.getMessage());
            assertFalse(it.hasNext(), "a failed iterator is closed");
        }
        assertEquals(0, liveWorkers());
    }

    @Test
    void earlyCloseStopsWorkersWithoutLeakingThreads() throws Exception {
        AtomicInteger loaded = new AtomicInteger();
        Dataset<Sample> counted = slowOdd(numbers(1000)).map(s -> {
            loaded.incrementAndGet();
            return s;
        });
        DataLoader<Sample, Batch> loader = DataLoader.builder(counted).batchSize(2).numWorkers(3).prefetchFactor(2)
                .build();
        try (DataLoader.BatchIterator<Batch> it = loader.iterator()) {
            assertTrue(liveWorkers() > 0);
            it.next();
            it.next();
        }
        assertEquals(0, liveWorkers());
        // Bounded prefetch: at most 2 consumed + 3 * 2 in flight batches of 2 examples were read.
        assertTrue(loaded.get() <= 2 * (2 + 6), "loaded " + loaded.get());
        // A for-each loop left with break: loader.close() stops the abandoned iterator.
        for (Batch b : loader) {
            assertEquals(2, b.size());
            break;
        }
        assertTrue(liveWorkers() > 0);
        loader.close();
        assertEquals(0, liveWorkers());
    }

    @Test
    void closeWhileAWorkerIsBlockedInterruptsIt() {
        CountDownLatch never = new CountDownLatch(1);
        Dataset<Sample> stuck = numbers(20).map(s -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException("interrupted");
            }
            return s;
        });
        DataLoader<Sample, Batch> loader = DataLoader.builder(stuck).batchSize(2).numWorkers(2).build();
        DataLoader.BatchIterator<Batch> it = loader.iterator();
        assertTrue(liveWorkers() > 0);
        it.close();
        assertEquals(0, liveWorkers());
    }

    @Test
    void customCollateAndSamplers() {
        DataLoader<Sample, List<Sample>> loader = DataLoader.builder(numbers(6), Collate.<Sample>list())
                .batchSize(4).build();
        List<List<Sample>> all = new ArrayList<>();
        loader.forEach(all::add);
        assertEquals(List.of(4, 2), all.stream().map(List::size).toList());

        BatchSampler bs = new BatchSampler(new SequentialSampler(10), 3, false);
        assertEquals(4, bs.length());
        assertEquals("[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]",
                bs.batches(0).stream().map(Arrays::toString).toList().toString());
        DataLoader<Sample, Batch> viaBs = DataLoader.builder(numbers(10)).batchSampler(bs).build();
        assertEquals(4, viaBs.len());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), targetsOf(viaBs));

        DataLoader<Sample, Batch> viaSampler = DataLoader.builder(numbers(10))
                .sampler(new SubsetOrder(new int[] {9, 3, 3})).batchSize(2).build();
        assertEquals(List.of(9L, 3L, 3L), targetsOf(viaSampler));
    }

    record SubsetOrder(int[] idx) implements Sampler {
        @Override
        public int length() {
            return idx.length;
        }

        @Override
        public int[] indices(long epoch) {
            return idx.clone();
        }
    }

    @Test
    void optionConflictsAreRejectedAsTorchDoes() {
        Dataset<Sample> d = numbers(4);
        BatchSampler bs = new BatchSampler(new SequentialSampler(4), 2, false);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(d).batchSampler(bs).batchSize(3).build()).getMessage()
                .contains("mutually exclusive"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(d).sampler(new SequentialSampler(4)).shuffle(true).build()).getMessage()
                .contains("sampler option is mutually exclusive with shuffle"));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).numWorkers(-1));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).prefetchFactor(2).build());
    }

    @Test
    void iterableDatasetsBatchInOrderWithAndWithoutWorkers() {
        IterableDataset<Sample> stream = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 11;
            }

            @Override
            public Sample next() {
                return numbers(11).get(i++);
            }
        };
        for (int workers : new int[] {0, 2}) {
            DataLoader<Sample, Batch> loader = DataLoader.builder(stream, Collate.stack()).batchSize(3)
                    .numWorkers(workers).build();
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), targetsOf(loader));
            DataLoader<Sample, Batch> dropping = DataLoader.builder(stream, Collate.stack()).batchSize(3).dropLast(true)
                    .numWorkers(workers).build();
            assertEquals(9, targetsOf(dropping).size());
            assertThrows(UnsupportedOperationException.class, loader::len);
        }
        assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(stream, Collate.stack()).shuffle(true).build());
        assertEquals(0, liveWorkers());
    }

    @Test
    void streamErrorsCarryTheBatchIndexAndEarlyCloseStopsTheProducer() {
        IterableDataset<Sample> failing = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Sample next() {
                if (i == 7) {
                    throw new IllegalStateException("bad record 7");
                }
                return numbers(100).get(i++);
            }
        };
        DataLoader<Sample, Batch> loader = DataLoader.builder(failing, Collate.stack()).batchSize(3).numWorkers(1)
                .build();
        Iterator<Batch> it = loader.iterator();
        it.next();
        it.next();
        DataLoaderException e = assertThrows(DataLoaderException.class, it::next);
        assertEquals(2, e.batchIndex());
        assertTrue(e.getMessage().contains("bad record 7"), e.getMessage());
        assertEquals(0, liveWorkers());

        IterableDataset<Sample> endless = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Sample next() {
                return numbers(Integer.MAX_VALUE).get(i++);
            }
        };
        try (DataLoader<Sample, Batch> l2 = DataLoader.builder(endless, Collate.stack()).batchSize(4).numWorkers(2)
                .build()) {
            Iterator<Batch> it2 = l2.iterator();
            assertArrayEquals(new long[] {0, 1, 2, 3}, it2.next().targets().toLongArray());
        }
        assertEquals(0, liveWorkers());
    }

    @Test
    void dataRandomIsTheSameWhateverTheNumberOfWorkers() {
        // Each example draws from DataRandom.current(): the value depends on (seed, epoch, batch, position).
        Dataset<Sample> noisy = numbers(30).map(s -> new Sample(Tensor.rand(DataRandom.current(), 3), s.target()));
        List<float[]> ref = new ArrayList<>();
        DataLoader<Sample, Batch> l0 = DataLoader.builder(noisy).batchSize(4).shuffle(true).generator(new Generator(5))
                .build();
        for (Batch b : l0) {
            ref.add(b.inputs().toFloatArray());
        }
        DataLoader<Sample, Batch> l3 = DataLoader.builder(noisy).batchSize(4).shuffle(true).generator(new Generator(5))
                .numWorkers(3).build();
        int i = 0;
        for (Batch b : l3) {
            assertArrayEquals(ref.get(i++), b.inputs().toFloatArray());
        }
        assertEquals(ref.size(), i);
        // The next epoch draws different augmentations.
        Batch first = l0.iterator().next();
        assertFalse(Arrays.equals(ref.get(0), first.inputs().toFloatArray()));
    }

    @Test
    void emptyDatasetGivesNoBatchesAndStartsNoWorkers() {
        DataLoader<Sample, Batch> loader = DataLoader.builder(numbers(0)).batchSize(4).numWorkers(2).build();
        assertEquals(0, loader.len());
        Iterator<Batch> it = loader.iterator();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        assertEquals(0, liveWorkers());
        // As torch: a RandomSampler needs at least one sample.
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(numbers(0)).shuffle(true).build()).getMessage()
                .contains("num_samples should be a positive integer value, but got num_samples=0"));
        // dropLast with fewer examples than a batch: nothing either.
        assertEquals(List.of(), targetsOf(DataLoader.builder(numbers(3)).batchSize(4).dropLast(true).build()));
    }

    @Test
    void fashionMnistSampleThroughALoader() {
        var train = dev.nabla.data.sources.FashionMnist.sample(true);
        try (DataLoader<Sample, Batch> loader = DataLoader.builder(train).batchSize(64).shuffle(true)
                .generator(new Generator(0)).numWorkers(2).build()) {
            assertEquals(32, loader.len()); // ceil(2000 / 64)
            long[] perClass = new long[10];
            int batches = 0;
            for (Batch b : loader) {
                assertEquals(b.size() == 64 ? 64 : 2000 - 31 * 64, b.size());
                assertArrayEquals(new int[] {b.size(), 1, 28, 28}, b.inputs().shape());
                for (long t : b.targets().toLongArray()) {
                    perClass[(int) t]++;
                }
                batches++;
            }
            assertEquals(32, batches);
            // Each example exactly once: the class counts of the sample.
            assertArrayEquals(new long[] {194, 216, 202, 195, 186, 200, 194, 215, 198, 200}, perClass);
        }
        assertEquals(0, liveWorkers());
    }

    @Test
    void timeoutFailsASlowWorkerWithTheBatchIndex() {
        Dataset<Sample> slow = numbers(8).map(s -> {
            if (s.target().toLongArray()[0] == 4) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return s;
        });
        DataLoader<Sample, Batch> loader = DataLoader.builder(slow).batchSize(2).numWorkers(1)
                .timeout(java.time.Duration.ofMillis(200)).build();
        Iterator<Batch> it = loader.iterator();
        it.next();
        it.next();
        long t0 = System.nanoTime();
        DataLoaderException e = assertThrows(DataLoaderException.class, it::next);
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "gave up before the slow example finished");
        assertEquals(2, e.batchIndex());
        assertTrue(e.getMessage().contains("timed out after 200 ms waiting for batch 2"), e.getMessage());
        assertEquals(0, liveWorkers());
        assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(slow).timeout(java.time.Duration.ofSeconds(1)).build());
    }

    @Test
    void closeFromAnotherThreadWakesABlockedConsumer() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Dataset<Sample> stuck = numbers(10).map(s -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return s;
        });
        IterableDataset<Sample> stuckStream = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Sample next() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("stopped");
            }
        };
        List<DataLoader<Sample, Batch>> loaders = List.of(
                DataLoader.builder(stuck).batchSize(2).numWorkers(2).build(),
                DataLoader.builder(stuckStream, Collate.stack()).batchSize(2).numWorkers(1).build());
        for (DataLoader<Sample, Batch> loader : loaders) {
            Iterator<Batch> it = loader.iterator();
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                loader.close();
            });
            closer.start();
            long t0 = System.nanoTime();
            RuntimeException e = assertThrows(RuntimeException.class, it::next, "loader " + loaders.indexOf(loader));
            closer.join();
            assertTrue(e instanceof DataLoaderException || e instanceof java.util.NoSuchElementException, e.toString());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            assertEquals(0, liveWorkers());
        }
    }
}
