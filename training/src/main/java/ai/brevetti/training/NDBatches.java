package ai.brevetti.training;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Batches as DJL {@link NDArray}s (float32, NHWC for images) on the TensorFlow engine, for code that
 * feeds a model. Tensors of text columns are not arrays: select array columns only.
 *
 * <pre>{@code
 * try (NDManager manager = NDBatches.newManager()) {
 *     for (NDList arrays : NDBatches.of(generator, manager, "img", "onehot")) { ... }
 * }
 * }</pre>
 */
public final class NDBatches {
    private NDBatches() {}

    /** A new manager on the TensorFlow engine (close it when done). */
    public static NDManager newManager() {
        TensorFlowNatives.configure();
        return NDManager.newBaseManager("TensorFlow");
    }

    /**
     * The generator's mapped batches as DJL arrays on {@code manager}: the array columns of {@code structure},
     * or of the generator's output structure when none is given.
     */
    public static Iterable<NDList> of(DataGenerator generator, NDManager manager, String... structure) {
        List<String> keys = structure.length > 0 ? List.of(structure) : generator.outputStructure();
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("Name the array columns to convert (e.g. \"img\", \"onehot\") or set an output structure");
        }
        return () -> new Iterator<>() {
            final Iterator<Batch> inner = generator.iterator();

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public NDList next() {
                return toNDList(manager, inner.next(), keys);
            }
        };
    }

    /** A tensor as a float32 array of its shape on {@code manager}. */
    public static NDArray toNDArray(NDManager manager, Tensor tensor) {
        long[] shape = Arrays.stream(tensor.shape()).mapToLong(i -> i).toArray();
        NDArray array = manager.create(tensor.data(), new Shape(shape));
        return array;
    }

    /** The array columns {@code keys} of a batch, in that order. */
    public static NDList toNDList(NDManager manager, Batch batch, List<String> keys) {
        NDList list = new NDList();
        for (String key : keys) {
            NDArray array = toNDArray(manager, batch.tensor(key));
            array.setName(key);
            list.add(array);
        }
        return list;
    }

    /** A float32 array back as a tensor. */
    public static Tensor toTensor(NDArray array) {
        NDArray floats = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        int[] shape = Arrays.stream(floats.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        return new Tensor(floats.toFloatArray(), shape);
    }
}
