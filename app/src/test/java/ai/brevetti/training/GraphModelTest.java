package ai.brevetti.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The graph: a few optimizer steps lower the loss; shapes are checked. */
class GraphModelTest {

    static Stream<Optimizer> optimizers() {
        return Stream.of(Optimizer.adam(1e-2), Optimizer.sgd(0.05, 0.9));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aFewStepsLowerTheLoss(Optimizer optimizer) {
        Batch batch = TinyVials.generator(1, false).batchSize(24).first();
        Tensor images = batch.tensor("img");
        Tensor labels = batch.tensor("onehot");
        try (GraphModel model = new GraphModel(TinyVials.CNN, 32, 32, 3, 3, optimizer, 1)) {
            GraphModel.BatchResult before = model.evaluate(images, labels);
            assertEquals(24, before.size());
            for (int step = 0; step < 15; step++) {
                model.train(images, labels);
            }
            GraphModel.BatchResult after = model.evaluate(images, labels);
            assertTrue(after.loss() < 0.5 * before.loss(), optimizer + ": loss " + before.loss() + " -> " + after.loss());
            assertTrue(after.correct() > before.correct(), optimizer + ": hits " + before.correct() + " -> " + after.correct());
            Tensor p = model.predict(images);
            assertEquals("Tensor[24, 3]", p.toString());
            for (int i = 0; i < 24; i++) {
                Tensor row = p.slice(i);
                assertEquals(1.0, row.get(0) + row.get(1) + row.get(2), 1e-5, "softmax rows sum to 1");
            }
        }
    }

    @Test
    void wrongShapesAreExplained() {
        try (GraphModel model = new GraphModel(TinyVials.CNN, 32, 32, 3, 3, Optimizer.adam(1e-3), 1)) {
            assertEquals(8 * 3 * 3 * 3 + 8 + 16 * 3 * 3 * 8 + 16 + 8 * 8 * 16 * 16 + 16 + 16 * 3 + 3, model.parameterCount());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(Tensor.zeros(2, 16, 16, 3)));
            assertTrue(e.getMessage().contains("32x32x3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.train(Tensor.zeros(2, 32, 32, 3), Tensor.zeros(2, 4)));
        }
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> new GraphModel(Cnn.builder().maxPool(8).maxPool(8).build(), 32, 32, 3, 3, Optimizer.adam(1e-3), 1));
        assertTrue(tooSmall.getMessage().contains("too small"), tooSmall.getMessage());
    }
}
