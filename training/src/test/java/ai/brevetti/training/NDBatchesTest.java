package ai.brevetti.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.samples.Samples;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Batches as DJL NDArrays on the TensorFlow engine (offline, natives unpacked by the build). */
class NDBatchesTest {

    /** A step with randomness: a 2x2x1 "image" of the sample's random values. */
    private static final BatchStep NOISE = (batch, random) -> {
        float[] data = new float[batch.size() * 4];
        for (int i = 0; i < batch.size(); i++) {
            SplittableRandom r = random.forSample(i);
            for (int k = 0; k < 4; k++) {
                data[i * 4 + k] = (float) r.nextDouble();
            }
        }
        return batch.with("img", new Tensor(data, batch.size(), 2, 2, 1));
    };

    /** 3 samples of class c0 and 2 of c1. */
    private static Samples samples() {
        List<String> category = List.of("c0", "c0", "c0", "c1", "c1");
        List<String> path = List.of("/c0/0.bmp", "/c0/1.bmp", "/c0/2.bmp", "/c1/0.bmp", "/c1/1.bmp");
        return Samples.of(Table.create("s", StringColumn.create("category", category), StringColumn.create("folder", category),
                StringColumn.create("path", path)));
    }

    @Test
    void batchesBecomeNhwcFloatArraysOnTensorFlow() {
        DataGenerator g = new DataGenerator(samples()).batchSize(4).seed(9).map(NOISE)
                .map(new OneHotEncoder(List.of("c0", "c1"))).outputStructure("img", "onehot");
        Batch expected = g.first();
        try (NDManager manager = NDBatches.newManager()) {
            assertEquals("TensorFlow", manager.getEngine().getEngineName());
            NDList first = NDBatches.of(g, manager).iterator().next();
            assertEquals(2, first.size());
            assertArrayEquals(new long[] {4, 2, 2, 1}, first.get(0).getShape().getShape());
            assertArrayEquals(expected.tensor("img").data(), first.get(0).toFloatArray());
            assertEquals("onehot", first.get(1).getName());
            assertEquals(expected.tensor("onehot"), NDBatches.toTensor(first.get(1)));
            assertEquals(4.0f, first.get(1).sum().getFloat(), 0.0f, "every sample has one class: the rows sum to the batch size");
        }
    }
}
