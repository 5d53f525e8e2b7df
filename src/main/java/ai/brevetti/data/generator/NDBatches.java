package ai.brevetti.data.generator;

import ai.brevetti.internal.TensorFlowNatives;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Batches as DJL {@link NDArray}s (float32, NHWC for images) on the TensorFlow engine, for code that
 * feeds a model. Tensors of text columns are not arrays: select array columns only.
 */
public final class NDBatches {
    private NDBatches() {}

    /** A new manager on the TensorFlow engine (close it when done). */
    public static NDManager newManager() {
        TensorFlowNatives.configure();
        return NDManager.newBaseManager("TensorFlow");
    }

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
