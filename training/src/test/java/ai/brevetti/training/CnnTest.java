package ai.brevetti.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture and optimizer descriptions (no TensorFlow needed). */
class CnnTest {

    @Test
    void builderKeepsTheLayersInOrder() {
        Cnn cnn = Cnn.builder().conv(16, 3).maxPool(2).conv(32, 5).globalAveragePool().dense(64).build();
        assertEquals(List.of(new Cnn.Conv(16, 3), new Cnn.MaxPool(2), new Cnn.Conv(32, 5), new Cnn.GlobalAveragePool(), new Cnn.Dense(64)),
                cnn.layers());
        assertEquals("Cnn[conv 16@3x3 → maxpool 2 → conv 32@5x5 → global average pool → dense 64 → dense (classes)]", cnn.toString());
        assertEquals(cnn, Cnn.builder().conv(16, 3).maxPool(2).conv(32, 5).globalAveragePool().dense(64).build());
    }

    @Test
    void imageLayersCannotFollowFlatOnesAndSizesArePositive() {
        assertThrows(IllegalStateException.class, () -> Cnn.builder().dense(8).conv(8, 3));
        assertThrows(IllegalStateException.class, () -> Cnn.builder().globalAveragePool().maxPool(2));
        assertThrows(IllegalArgumentException.class, () -> Cnn.builder().conv(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Cnn.builder().dense(-1));
    }

    @Test
    void optimizersCheckTheirParameters() {
        assertEquals(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-7), Optimizer.adam(0.01));
        assertEquals(new Optimizer.Sgd(0.1, 0.9, true), ((Optimizer.Sgd) Optimizer.sgd(0.1, 0.9)).withNesterov());
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(0));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Optimizer.Adam(0.1, 1.0, 0.999, 1e-7));
    }
}
