package ai.brevetti.training;

import ai.brevetti.data.generator.Tensor;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A {@link Cnn} as a TensorFlow graph (TF-Java graph mode) with its session: the forward pass from the
 * {@code image} placeholder (NHWC float32) to {@code probabilities} (softmax), the mean softmax
 * cross-entropy against one-hot {@code labels}, its gradients ({@code Graph.addGradients}) and the
 * optimizer's update. Not thread-safe; close it to free the native graph and session.
 *
 * <p>Weights start from a seed: kernels are drawn by TensorFlow's stateless truncated normal (He scaling,
 * {@code stddev = sqrt(2 / fan-in)}) keyed by {@code (seed, weight index)}, biases are zero, so the same
 * seed and architecture give the same initial model.
 */
public final class GraphModel implements AutoCloseable {
    /** The graph's input and output names (also the serving signature's). */
    public static final String IMAGE = "image";
    public static final String LABELS = "labels";
    public static final String PROBABILITIES = "probabilities";

    /** The mean loss of a batch, how many of its samples the model classified right, and its size. */
    public record BatchResult(double loss, int correct, int size) {
    }

    private final Cnn cnn;
    private final int height;
    private final int width;
    private final int channels;
    private final int classes;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> image;
    private final Placeholder<TFloat32> labels;
    private final Operand<TFloat32> probabilities;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> correct;
    private final Op update;
    private final List<Variable<TFloat32>> weights = new ArrayList<>();
    private final long seed;

    /**
     * Builds the graph for images of {@code height × width × channels} and {@code classes} outputs, and
     * initialises its weights from {@code seed}.
     */
    public GraphModel(Cnn cnn, int height, int width, int channels, int classes, Optimizer optimizer, long seed) {
        if (height <= 0 || width <= 0 || channels <= 0 || classes < 2) {
            throw new IllegalArgumentException("A classifier needs a positive image size and at least 2 classes, not "
                    + height + "x" + width + "x" + channels + " and " + classes);
        }
        loadNatives();
        this.cnn = cnn;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classes = classes;
        this.seed = seed;
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            image = tf.withName(IMAGE).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, channels)));
            labels = tf.withName(LABELS).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
            Operand<TFloat32> logits = forward(tf);
            probabilities = tf.withName(PROBABILITIES).nn.softmax(logits);
            loss = tf.withName("loss").math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
            Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(tf.math.argMax(logits, tf.constant(1)), tf.math.argMax(labels, tf.constant(1))),
                    TFloat32.class);
            correct = tf.withName("correct").sum(hits, tf.constant(0));
            Output<?>[] grads = graph.addGradients(loss.asOutput(), weights.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
            List<Operand<TFloat32>> gradients = Arrays.stream(grads).<Operand<TFloat32>>map(g -> g.expect(TFloat32.class)).toList();
            update = optimizer.minimize(tf.withSubScope("train"), weights, gradients);
            session = new Session(graph);
            session.initialize();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Loads the TensorFlow natives (through DJL's engine, offline) before the first graph. */
    static void loadNatives() {
        TensorFlowNatives.configure();
        Engine.getEngine("TensorFlow");
    }

    /** The layers, then the logits. */
    private Operand<TFloat32> forward(Ops tf) {
        Operand<TFloat32> x = image;
        long h = height;
        long w = width;
        long c = channels;
        boolean flat = false;
        int index = 0;
        for (Cnn.Layer layer : cnn.layers()) {
            index++;
            Ops scope = tf.withSubScope("layer" + index);
            if (layer instanceof Cnn.Conv conv) {
                Variable<TFloat32> kernel = kernel(scope, Shape.of(conv.kernel(), conv.kernel(), c, conv.filters()), conv.kernel() * conv.kernel() * c);
                x = scope.nn.relu(scope.nn.biasAdd(scope.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias(scope, conv.filters())));
                c = conv.filters();
            } else if (layer instanceof Cnn.MaxPool pool) {
                if (h < pool.size() || w < pool.size()) {
                    throw new IllegalArgumentException("The " + layer + " layer gets " + h + "x" + w
                            + " images: too small to pool; use fewer pooling layers or larger images");
                }
                Operand<TInt32> window = scope.constant(new int[] {1, pool.size(), pool.size(), 1});
                x = scope.nn.maxPool(x, window, window, "VALID");
                h /= pool.size();
                w /= pool.size();
            } else if (layer instanceof Cnn.GlobalAveragePool) {
                x = scope.math.mean(x, scope.constant(new int[] {1, 2}));
                h = 1;
                w = 1;
                flat = true;
            } else if (layer instanceof Cnn.Dense dense) {
                if (!flat) {
                    x = scope.reshape(x, scope.constant(new long[] {-1, h * w * c}));
                    c = h * w * c;
                    flat = true;
                }
                x = scope.nn.relu(dense(scope, x, c, dense.units()));
                c = dense.units();
            }
        }
        if (!flat) {
            x = tf.reshape(x, tf.constant(new long[] {-1, h * w * c}));
            c = h * w * c;
        }
        return dense(tf.withSubScope("logits"), x, c, classes);
    }

    private Operand<TFloat32> dense(Ops scope, Operand<TFloat32> x, long inputs, int units) {
        Variable<TFloat32> kernel = kernel(scope, Shape.of(inputs, units), inputs);
        return scope.nn.biasAdd(scope.linalg.matMul(x, kernel), bias(scope, units));
    }

    /** A kernel variable: a truncated normal with He scaling, keyed by (seed, its index). */
    private Variable<TFloat32> kernel(Ops scope, Shape shape, long fanIn) {
        Ops init = scope.withInitScope();
        long[] key = {seed, weights.size()};
        Operand<TFloat32> values = init.math.mul(init.random.statelessTruncatedNormal(init.constant(shape), init.constant(key)),
                init.constant((float) Math.sqrt(2.0 / fanIn)));
        return weight(scope.withName("kernel").variable(values));
    }

    private Variable<TFloat32> bias(Ops scope, long units) {
        Ops init = scope.withInitScope();
        return weight(scope.withName("bias").variable(init.zeros(init.constant(new long[] {units}), TFloat32.class)));
    }

    private Variable<TFloat32> weight(Variable<TFloat32> variable) {
        weights.add(variable);
        return variable;
    }

    // ---- running

    /** One optimizer step on a batch; the loss and hits are those before the step. */
    public BatchResult train(Tensor images, Tensor onehot) {
        return run(images, onehot, true);
    }

    /** The loss and hits on a batch, without training. */
    public BatchResult evaluate(Tensor images, Tensor onehot) {
        return run(images, onehot, false);
    }

    private BatchResult run(Tensor images, Tensor onehot, boolean step) {
        checkImages(images);
        if (onehot.rank() != 2 || onehot.dim(0) != images.dim(0) || onehot.dim(1) != classes) {
            throw new IllegalArgumentException("Labels must be one-hot (" + images.dim(0) + ", " + classes + "), not " + Arrays.toString(onehot.shape()));
        }
        try (TFloat32 x = toTf(images); TFloat32 y = toTf(onehot)) {
            Session.Runner runner = session.runner().feed(image, x).feed(labels, y).fetch(loss).fetch(correct);
            if (step) {
                runner.addTarget(update);
            }
            try (Result result = runner.run()) {
                return new BatchResult(((TFloat32) result.get(0)).getFloat(), Math.round(((TFloat32) result.get(1)).getFloat()), images.dim(0));
            }
        }
    }

    /** The class probabilities of a batch of images: {@code (batch, classes)}. */
    public Tensor predict(Tensor images) {
        checkImages(images);
        try (TFloat32 x = toTf(images); Result result = session.runner().feed(image, x).fetch(probabilities).run()) {
            TFloat32 p = (TFloat32) result.get(0);
            float[] out = new float[images.dim(0) * classes];
            p.read(DataBuffers.of(out, false, false));
            return new Tensor(out, images.dim(0), classes);
        }
    }

    private void checkImages(Tensor images) {
        int[] s = images.shape();
        if (s.length != 4 || s[1] != height || s[2] != width || s[3] != channels) {
            throw new IllegalArgumentException("The model takes NHWC images of " + height + "x" + width + "x" + channels + ", not "
                    + Arrays.toString(s));
        }
    }

    /** A TF tensor with the values of {@code t} (one copy, into native memory). */
    static TFloat32 toTf(Tensor t) {
        long[] shape = Arrays.stream(t.shape()).mapToLong(i -> i).toArray();
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(t.data(), true, false));
    }

    // ---- description

    /** The serving signature: {@code image} in, {@code probabilities} out. */
    Signature servingSignature() {
        return Signature.builder().key(SavedModelExport.SIGNATURE).input(IMAGE, image).output(PROBABILITIES, probabilities).build();
    }

    Session session() {
        return session;
    }

    public Cnn cnn() {
        return cnn;
    }

    /** The input shape {@code (height, width, channels)}. */
    public int[] imageShape() {
        return new int[] {height, width, channels};
    }

    public int classes() {
        return classes;
    }

    /** The number of trained weights (kernels and biases). */
    public long parameterCount() {
        return weights.stream().mapToLong(v -> v.shape().size()).sum();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    @Override
    public String toString() {
        return "GraphModel[" + cnn + ", " + height + "x" + width + "x" + channels + " → " + classes + " classes, " + parameterCount() + " weights]";
    }
}
