package ai.brevetti.data.annotation;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.internal.OptionSpec;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Pools masks to a lower resolution (Python's {@code AnnotationPooling}): each {@code poolHeight ×
 * poolWidth} block of an NHWC mask becomes one pixel holding the block's maximum ({@code max}: any pixel
 * of the class in the block) or mean ({@code average}: the class's share of the block), per channel, as
 * Keras' {@code MaxPool2D}/{@code AveragePooling2D} with strides equal to the pool and {@code valid}
 * padding: rows and columns that do not fill a block are dropped. Reads {@code annotation} and writes its
 * output back there unless {@link #outputKey} says otherwise.
 *
 * <p>Immutable; every option returns a new step (decision 44): {@code new AnnotationPooling(4).poolingMethod("average")}.
 */
@CheckReturnValue
public final class AnnotationPooling implements BatchStep {
    /** How a block becomes one value. */
    public enum Method {
        MAX,
        AVERAGE;

        /** {@code max}, or {@code average} (also {@code avg}). */
        public static Method of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "max" -> MAX;
                case "average", "avg" -> AVERAGE;
                default -> throw new IllegalArgumentException("Unknown pooling method '" + name + "'; use max or average");
            };
        }
    }

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        int[] poolSize = {2, 2}; // never written once set
        Method poolingMethod = Method.MAX;
        String inputKey = "annotation";
        String outputKey; // null: the input key
    }

    private final Options o;

    /** 2 × 2 max pooling (Keras' default pool size). */
    public AnnotationPooling() {
        this(new Options());
    }

    /** Square blocks of {@code size × size}. */
    public AnnotationPooling(int size) {
        this(size, size);
    }

    /** Blocks of {@code height × width}. */
    public AnnotationPooling(int height, int width) {
        this(new Options().with(o -> o.poolSize = checked(height, width)));
    }

    private AnnotationPooling(Options options) {
        this.o = options;
    }

    private static int[] checked(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("A pool size is positive, not " + height + "x" + width);
        }
        return new int[] {height, width};
    }

    private AnnotationPooling with(Consumer<Options> change) {
        return new AnnotationPooling(o.with(change));
    }

    public AnnotationPooling poolSize(int height, int width) {
        int[] size = checked(height, width);
        return with(o -> o.poolSize = size);
    }

    public AnnotationPooling poolingMethod(Method method) {
        return with(o -> o.poolingMethod = Objects.requireNonNull(method, "poolingMethod"));
    }

    /** {@code max} or {@code average}. */
    public AnnotationPooling poolingMethod(String method) {
        return poolingMethod(Method.of(method));
    }

    public AnnotationPooling inputKey(String key) {
        return with(o -> o.inputKey = Objects.requireNonNull(key, "inputKey"));
    }

    /** Where the pooled masks go; by default the input key (replaced). */
    public AnnotationPooling outputKey(String key) {
        return with(o -> o.outputKey = Objects.requireNonNull(key, "outputKey"));
    }

    public int[] poolSize() {
        return o.poolSize.clone();
    }

    public Method poolingMethod() {
        return o.poolingMethod;
    }

    @Override
    public Batch apply(Batch batch, StepRandom random) {
        return batch.with(o.outputKey == null ? o.inputKey : o.outputKey, pool(batch.tensor(o.inputKey)));
    }

    /** The pooled NHWC tensor. */
    public Tensor pool(Tensor masks) {
        if (masks.rank() != 4) {
            throw new IllegalArgumentException("AnnotationPooling needs NHWC masks, not " + masks);
        }
        int n = masks.dim(0);
        int h = masks.dim(1);
        int w = masks.dim(2);
        int c = masks.dim(3);
        int ph = o.poolSize[0];
        int pw = o.poolSize[1];
        int oh = h / ph;
        int ow = w / pw;
        float[] in = masks.data();
        float[] out = new float[n * oh * ow * c];
        boolean max = o.poolingMethod == Method.MAX;
        for (int s = 0; s < n; s++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int at = ((s * oh + y) * ow + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float acc = max ? Float.NEGATIVE_INFINITY : 0f;
                        for (int dy = 0; dy < ph; dy++) {
                            int row = ((s * h + y * ph + dy) * w + x * pw) * c + ch;
                            for (int dx = 0; dx < pw; dx++) {
                                float v = in[row + dx * c];
                                acc = max ? Math.max(acc, v) : acc + v;
                            }
                        }
                        out[at + ch] = max ? acc : acc / (ph * pw);
                    }
                }
            }
        }
        return new Tensor(out, n, oh, ow, c);
    }

    @Override
    public String toString() {
        return "AnnotationPooling(" + o.poolSize[0] + "x" + o.poolSize[1] + ", " + o.poolingMethod.name().toLowerCase(Locale.ROOT)
                + ", " + o.inputKey + " -> " + (o.outputKey == null ? o.inputKey : o.outputKey) + ")";
    }
}
