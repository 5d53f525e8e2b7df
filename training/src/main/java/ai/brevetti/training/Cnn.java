package ai.brevetti.training;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The architecture of a small convolutional image classifier: a stack of layers, each followed by a ReLU
 * (pooling layers excepted); {@link GraphModel} adds the last dense layer with one output per class (the
 * logits) and the softmax.
 *
 * <pre>{@code
 * Cnn cnn = Cnn.builder().conv(16, 3).maxPool(2).conv(32, 3).maxPool(2).dense(64).build();
 * }</pre>
 *
 * Convolutions have stride 1 and "same" padding; pooling takes the maximum of {@code size × size} windows
 * with stride {@code size}; the first dense layer flattens its input. Immutable.
 */
public final class Cnn {
    /** One layer of the stack. */
    public sealed interface Layer permits Conv, MaxPool, GlobalAveragePool, Dense {
    }

    /** A 2-D convolution with {@code filters} kernels of {@code kernel × kernel}, then a ReLU. */
    public record Conv(int filters, int kernel) implements Layer {
        public Conv {
            positive("filters", filters);
            positive("kernel", kernel);
        }

        @Override
        public String toString() {
            return "conv " + filters + "@" + kernel + "x" + kernel;
        }
    }

    /** The maximum over {@code size × size} windows, stride {@code size}. */
    public record MaxPool(int size) implements Layer {
        public MaxPool {
            positive("size", size);
        }

        @Override
        public String toString() {
            return "maxpool " + size;
        }
    }

    /** The mean over height and width: one value per channel. */
    public record GlobalAveragePool() implements Layer {
        @Override
        public String toString() {
            return "global average pool";
        }
    }

    /** A fully connected layer of {@code units}, then a ReLU. */
    public record Dense(int units) implements Layer {
        public Dense {
            positive("units", units);
        }

        @Override
        public String toString() {
            return "dense " + units;
        }
    }

    private final List<Layer> layers;

    private Cnn(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default: {@code conv 16, pool, conv 32, pool, conv 64, pool, dense 64} (3×3 kernels). */
    public static Cnn small() {
        return builder().conv(16, 3).maxPool(2).conv(32, 3).maxPool(2).conv(64, 3).maxPool(2).dense(64).build();
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cnn c && c.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    @Override
    public String toString() {
        return layers.stream().map(Layer::toString).collect(Collectors.joining(" → ", "Cnn[", " → dense (classes)]"));
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }

    /** Adds layers in order; image layers (conv, pooling) cannot follow a dense layer or a global pool. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private boolean flat;

        private Builder() {}

        public Builder conv(int filters, int kernel) {
            return image(new Conv(filters, kernel));
        }

        public Builder maxPool(int size) {
            return image(new MaxPool(size));
        }

        public Builder globalAveragePool() {
            image(new GlobalAveragePool());
            flat = true;
            return this;
        }

        public Builder dense(int units) {
            layers.add(new Dense(units));
            flat = true;
            return this;
        }

        private Builder image(Layer layer) {
            if (flat) {
                throw new IllegalStateException("A " + layer + " layer cannot follow a dense layer or a global pool");
            }
            layers.add(layer);
            return this;
        }

        public Cnn build() {
            return new Cnn(layers);
        }
    }
}
