package ai.brevetti.data.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.Tiles;
import ai.brevetti.data.samples.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Sampling, batching, mapping and determinism of the data generator. */
class DataGeneratorTest {

    /** {@code counts[i]} samples of class i, paths /c{i}/{j}.bmp. */
    static Samples samples(int... counts) {
        List<String> category = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int j = 0; j < counts[c]; j++) {
                category.add("c" + c);
                path.add("/c" + c + "/" + j + ".bmp");
            }
        }
        return Samples.of(Table.create("s", StringColumn.create("category", category), StringColumn.create("folder", category),
                StringColumn.create("path", path)));
    }

    /** A step with randomness: a 2x2x1 "image" of the sample's random values. */
    static final BatchStep NOISE = (batch, random) -> {
        float[] data = new float[batch.size() * 4];
        for (int i = 0; i < batch.size(); i++) {
            SplittableRandom r = random.forSample(i);
            for (int k = 0; k < 4; k++) {
                data[i * 4 + k] = (float) r.nextDouble();
            }
        }
        return batch.with("img", new Tensor(data, batch.size(), 2, 2, 1));
    };

    static List<Batch> all(Iterable<Batch> batches) {
        List<Batch> out = new ArrayList<>();
        batches.forEach(out::add);
        return out;
    }

    static void assertSameBatches(List<Batch> a, List<Batch> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).strings("path"), b.get(i).strings("path"), "batch " + i);
            assertEquals(a.get(i).tensor("img"), b.get(i).tensor("img"), "batch " + i);
        }
    }

    @Test
    void batchesCoverAnEpochInOrderWithoutShuffle() {
        DataGenerator g = new DataGenerator(samples(5, 5)).batchSize(4);
        assertEquals(3, g.length());
        List<Batch> batches = all(g);
        assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::size).toList());
        assertEquals("/c0/0.bmp", batches.get(0).strings("path")[0]);
        assertEquals("/c1/4.bmp", batches.get(2).strings("path")[1]);
        assertEquals(Set.of("category", "folder", "path"), batches.get(0).keys());
    }

    @Test
    void deterministicTwiceAcrossInstancesAndWhateverTheThreads() {
        Samples s = samples(30, 20, 7);
        DataGenerator g = new DataGenerator(s).batchSize(5).shuffle(true).repeat(3).seed(11).map(NOISE);
        List<Batch> first = all(g);
        assertSameBatches(first, all(g));
        assertSameBatches(first, all(new DataGenerator(s).batchSize(5).shuffle(true).repeat(3).seed(11).map(NOISE)));
        assertSameBatches(first, all(g.workers(1)));
        assertSameBatches(first, all(g.workers(7)));
        List<Batch> other = all(new DataGenerator(s).batchSize(5).shuffle(true).repeat(3).seed(12).map(NOISE));
        assertNotEquals(first.get(0).tensor("img"), other.get(0).tensor("img"));
        assertEquals(3 * 12, first.size(), "3 epochs of 12 batches");
        assertFalse(List.of(first.get(0).strings("path")).equals(List.of(first.get(12).strings("path"))),
                "epochs are reshuffled");
    }

    @Test
    void prefetchBoundsTheBatchesMadeAheadOfTheConsumer() throws InterruptedException {
        Samples s = samples(60);
        // after two batches are taken: the window, and the first batch
        assertEquals(5 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(2).prefetch(5), 0), "prefetch(5): five batches in flight");
        assertEquals(12 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(2).prefetch(12), 0));
        DataGenerator g = new DataGenerator(s).batchSize(3).shuffle(true).repeat(2).seed(5).map(NOISE);
        assertSameBatches(all(g), all(g.prefetch(1)));
        assertSameBatches(all(g), all(g.prefetch(30).workers(3)));
        assertThrows(IllegalArgumentException.class, () -> g.prefetch(0));
    }

    @Test
    void theDefaultWindowHoldsAsManyBatchesAsFitIn64MegabytesAtLeastTwiceTheWorkersAtMost16() throws InterruptedException {
        Samples s = samples(60);
        int floats = (int) (BatchIterator.AUTO_BYTES / 4);
        assertEquals(16 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(2), 0), "small batches: 16");
        assertEquals(8 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(2), floats / 8), "an eighth of the budget a batch: 8");
        assertEquals(4 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(2), floats / 2), "half the budget a batch: twice the workers");
        assertEquals(6 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(3), floats / 2));
        assertEquals(2 + 1, madeAfterTwoBatches(new DataGenerator(s).workers(1), floats), "at least two");
    }

    /**
     * How many batches (of one sample, with a tensor of {@code floats} values) the generator has made once two
     * are taken and the workers had time to run ahead.
     */
    private static int madeAfterTwoBatches(DataGenerator generator, int floats) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Iterator<Batch> batches = generator.batchSize(1).map(b -> {
            made.incrementAndGet();
            return floats == 0 ? b : b.with("img", new Tensor(new float[floats], 1, floats));
        }).iterator();
        batches.next();
        batches.next();
        long deadline = System.nanoTime() + 3_000_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) { // until the count has settled for 300 ms
            Thread.sleep(300);
            int now = made.get();
            if (now == seen) {
                break;
            }
            seen = now;
        }
        return made.get();
    }

    @Test
    void mapReturnsANewGeneratorAndStepSeedsDependOnPosition() {
        DataGenerator base = new DataGenerator(samples(4)).batchSize(4).seed(1);
        DataGenerator mapped = base.map(NOISE);
        assertFalse(base.first().has("img"), "the original is unchanged");
        Batch once = mapped.first();
        Batch twice = mapped.map(NOISE).first();
        assertNotEquals(once.tensor("img"), twice.tensor("img"), "the second step has its own seed");
        assertFalse(mapped.getSamples().iterator().next().has("img"), "getSamples is unmapped");
    }

    /** A second random step, writing its own key. */
    static final BatchStep SECOND = (batch, random) -> {
        float[] data = new float[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            data[i] = (float) random.forSample(i).nextDouble();
        }
        return batch.with("second", new Tensor(data, batch.size(), 1));
    };

    /** "The seed of everything random": the order of seed() and map() does not matter, nor the threads. */
    @Test
    void theSeedAppliesToStepsMappedBeforeIt() {
        Samples s = samples(13, 9);
        DataGenerator base = new DataGenerator(s).batchSize(4).shuffle(true).repeat(2);
        List<Batch> seedFirst = all(base.seed(7).map(NOISE).map(SECOND));
        for (DataGenerator g : List.of(base.map(NOISE).map(SECOND).seed(7), base.map(NOISE).seed(7).map(SECOND),
                base.seed(3).map(NOISE).map(SECOND).seed(7), base.map(NOISE).map(SECOND).seed(7).workers(1),
                base.map(NOISE).map(SECOND).workers(5).seed(7))) {
            List<Batch> batches = all(g);
            assertSameBatches(seedFirst, batches);
            for (int i = 0; i < batches.size(); i++) {
                assertEquals(seedFirst.get(i).tensor("second"), batches.get(i).tensor("second"), g + ", batch " + i);
            }
        }
        DataGenerator inOrder = new DataGenerator(s).batchSize(4).map(NOISE);
        Batch seven = inOrder.seed(7).first();
        Batch eight = inOrder.seed(8).first();
        assertArrayEquals(seven.strings("path"), eight.strings("path"));
        assertNotEquals(seven.tensor("img"), eight.tensor("img"), "a new seed reseeds the steps mapped before it");
    }

    @Test
    void structureSelectsColumns() {
        DataGenerator g = new DataGenerator(samples(3)).batchSize(3).seed(1).map(NOISE)
                .map(new OneHotEncoder(List.of("c0", "c1"))).outputStructure("img", "onehot");
        Object pair = g.getDataset().iterator().next();
        assertInstanceOf(List.class, pair);
        assertEquals("Tensor[3, 2]", ((List<?>) pair).get(1).toString());
        assertInstanceOf(Tensor.class, g.getDataset("img").iterator().next());
        assertInstanceOf(String[].class, g.getDatasetNumpy("path").next());
        assertInstanceOf(Batch.class, g.getDataset(new String[0]).iterator().next());
    }

    @Test
    void groupSamplingFollowsTheWeighing() {
        Samples s = samples(22, 146, 12);
        for (String weighing : List.of("uniform", "count", "square root", "logx+1")) {
            DataGenerator g = new DataGenerator(s).batchSize(10).samplingGroupBy("folder").groupWeighing(weighing)
                    .shuffle(true).repeat(20).seed(3);
            Map<String, Integer> drawn = new HashMap<>();
            int total = 0;
            for (Batch b : g.getSamples()) {
                for (String c : b.strings("_sampling_group")) {
                    drawn.merge(c, 1, Integer::sum);
                    total++;
                }
            }
            Map<String, Double> expected = g.sampleWeights();
            for (String c : List.of("c0", "c1", "c2")) {
                double share = drawn.getOrDefault(c, 0) / (double) total;
                assertTrue(Math.abs(share - expected.get(c)) < 0.03, weighing + " " + c + ": " + share + " vs " + expected.get(c));
            }
        }
        DataGenerator roundRobin = new DataGenerator(s).batchSize(180).samplingGroupBy("folder").groupWeighing("uniform");
        Map<String, Integer> counts = new HashMap<>();
        for (String c : roundRobin.first().strings("category")) {
            counts.merge(c, 1, Integer::sum);
        }
        assertEquals(Map.of("c0", 60, "c1", 60, "c2", 60), counts, "without shuffle groups interleave exactly");
    }

    @Test
    void shardsAreDisjointAndCoverTheSamples() {
        Samples s = samples(17, 9);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < 3; i++) {
            for (Batch b : new DataGenerator(s).batchSize(4).shuffle(true).seed(5).shard(i, 3).getSamples()) {
                for (String p : b.strings("path")) {
                    assertTrue(seen.add(p), p + " in two shards");
                    total++;
                }
            }
        }
        assertEquals(26, total);
        assertThrows(IllegalArgumentException.class, () -> new DataGenerator(s).shard(3, 3));
    }

    @Test
    void maxEpochSamplesAndRepeat() {
        DataGenerator g = new DataGenerator(samples(50)).batchSize(8).maxEpochSamples(20).repeat(2);
        assertEquals(3, g.length());
        assertEquals(6, all(g).size());
        assertThrows(IllegalArgumentException.class, () -> g.repeat(0));
    }

    @Test
    void aFailingStepNamesTheBatchAndTheStep() {
        BatchStep broken = new BatchStep() {
            @Override
            public Batch apply(Batch batch, StepRandom random) {
                throw new IllegalStateException("no disk");
            }

            @Override
            public String toString() {
                return "Broken";
            }
        };
        DataGenerator g = new DataGenerator(samples(4)).batchSize(2).map(broken);
        GeneratorException e = assertThrows(GeneratorException.class, () -> all(g));
        assertEquals("Batch 0 of epoch 0: step 1 (Broken) failed: no disk", e.getMessage());
    }

    @Test
    void oneHotEncodesClassesMultiClassAndUnknowns() {
        Batch batch = Batch.of(Map.of("category", new String[] {"b", "a|c", "zzz"}));
        Tensor onehot = new OneHotEncoder(List.of("a", "b", "c")).apply(batch, null).tensor("onehot");
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1, 0, 0, 0}, onehot.data());
        assertEquals("Tensor[3, 3]", onehot.toString());
    }

    @Test
    void tile2dLaysImagesOutRowByRow() {
        float[] data = new float[5 * 2 * 2 * 1];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 4; k++) {
                data[i * 4 + k] = i + 1;
            }
        }
        FloatImage grid = Tiles.tile2d(new Tensor(data, 5, 2, 2, 1), 2, 3);
        assertEquals(4, grid.height());
        assertEquals(6, grid.width());
        assertEquals(1, grid.get(0, 0, 0));
        assertEquals(3, grid.get(1, 5, 0));
        assertEquals(4, grid.get(2, 0, 0));
        assertEquals(5, grid.get(3, 3, 0));
        assertEquals(0, grid.get(3, 5, 0), "missing tiles are zero");
    }
}
