package ai.brevetti.data.generator;

import java.util.Arrays;
import java.util.List;

/**
 * A float32 array with a shape, row-major (a batch of images is NHWC: batch × height × width ×
 * channels). The array is shared, not copied. Images and tensors convert on the image side:
 * {@code FloatImage.toTensor()}, {@code FloatImage.stack(images)}, {@code FloatImage.of(batch, i)}.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    public Tensor(float[] data, int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + size + " values, not " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)], shape);
    }

    /** Tensors of one shape stacked along a new first axis. */
    public static Tensor stack(List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Nothing to stack");
        }
        int[] inner = parts.get(0).shape;
        int each = parts.get(0).data.length;
        float[] out = new float[each * parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            if (!Arrays.equals(t.shape, inner)) {
                throw new IllegalArgumentException("Cannot stack shapes " + Arrays.toString(inner) + " and " + Arrays.toString(t.shape)
                        + " in one batch; give the image pipeline a target size");
            }
            System.arraycopy(t.data, 0, out, i * each, each);
        }
        int[] shape = new int[inner.length + 1];
        shape[0] = parts.size();
        System.arraycopy(inner, 0, shape, 1, inner.length);
        return new Tensor(out, shape);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** The values (the live array: do not change it). */
    public float[] data() {
        return data;
    }

    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("A rank-" + shape.length + " tensor needs " + shape.length + " indices");
        }
        int flat = 0;
        for (int a = 0; a < shape.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            flat = flat * shape[a] + index[a];
        }
        return data[flat];
    }

    /** Element {@code i} along the first axis, copied. */
    public Tensor slice(int i) {
        int each = data.length / shape[0];
        return new Tensor(Arrays.copyOfRange(data, i * each, (i + 1) * each), Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** The same values with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
