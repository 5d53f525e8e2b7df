package ai.brevetti.data.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches as DJL NDArrays on the TensorFlow engine (offline, natives unpacked by the build). */
class NDBatchesTest {

    @Test
    void batchesBecomeNhwcFloatArraysOnTensorFlow() {
        DataGenerator g = new DataGenerator(DataGeneratorTest.samples(3, 2)).batchSize(4).seed(9).map(DataGeneratorTest.NOISE)
                .map(new OneHotEncoder(List.of("c0", "c1"))).outputStructure("img", "onehot");
        Batch expected = g.first();
        try (NDManager manager = NDBatches.newManager()) {
            assertEquals("TensorFlow", manager.getEngine().getEngineName());
            NDList first = g.getDatasetNd(manager).iterator().next();
            assertEquals(2, first.size());
            assertArrayEquals(new long[] {4, 2, 2, 1}, first.get(0).getShape().getShape());
            assertArrayEquals(expected.tensor("img").data(), first.get(0).toFloatArray());
            assertEquals("onehot", first.get(1).getName());
            assertEquals(expected.tensor("onehot"), NDBatches.toTensor(first.get(1)));
            assertEquals(4.0f, first.get(1).sum().getFloat(), 0.0f, "every sample has one class: the rows sum to the batch size");
        }
    }
}
