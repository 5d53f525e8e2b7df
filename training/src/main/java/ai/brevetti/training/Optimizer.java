package ai.brevetti.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * How gradients update the weights: {@link #adam(double)} or {@link #sgd(double, double)} (with
 * momentum). Each adds its update ops to the training graph with TensorFlow's fused {@code ApplyAdam} /
 * {@code ApplyMomentum} kernels, and its state (moments, step count) as graph variables.
 */
public sealed interface Optimizer {
    /** Adam with the usual defaults (β1 0.9, β2 0.999, ε 1e-7, as Keras). */
    static Optimizer adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-7);
    }

    /** Stochastic gradient descent with (heavy-ball) momentum; momentum 0 is plain SGD. */
    static Optimizer sgd(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum, false);
    }

    double learningRate();

    /**
     * Adds to the graph what updates {@code weights} by their {@code gradients} (same order) and returns
     * the op that runs one update. The updates wait for every gradient: the weights are reference variables
     * updated in place, so an update must not run while another gradient still reads the old weights.
     */
    Op minimize(Ops tf, List<Variable<TFloat32>> weights, List<Operand<TFloat32>> gradients);

    /** Adam (Kingma and Ba), bias-corrected through the step count kept in the graph. */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        public Adam {
            positive("learning rate", learningRate);
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam's betas must be in [0, 1), not " + beta1 + ", " + beta2);
            }
            positive("epsilon", epsilon);
        }

        @Override
        public Op minimize(Ops tf, List<Variable<TFloat32>> weights, List<Operand<TFloat32>> gradients) {
            Ops adam = tf.withSubScope("adam");
            Variable<TFloat32> step = adam.withName("step").variable(adam.withInitScope().constant(0f));
            Operand<TFloat32> t = adam.math.add(step, adam.constant(1f));
            Operand<TFloat32> beta1Power = adam.math.pow(adam.constant((float) beta1), t);
            Operand<TFloat32> beta2Power = adam.math.pow(adam.constant((float) beta2), t);
            Ops gated = afterAll(adam, gradients);
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                Variable<TFloat32> w = weights.get(i);
                Variable<TFloat32> m = slot(adam, w, "m");
                Variable<TFloat32> v = slot(adam, w, "v");
                updates.add(gated.train.applyAdam(w, m, v, beta1Power, beta2Power, gated.constant((float) learningRate),
                        gated.constant((float) beta1), gated.constant((float) beta2), gated.constant((float) epsilon), gradients.get(i)));
            }
            return adam.withControlDependencies(updates).withName("update").assignAdd(step, adam.constant(1f));
        }
    }

    /** SGD with momentum ({@code accumulator = momentum · accumulator + gradient; w -= rate · accumulator}). */
    record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {
        public Sgd {
            positive("learning rate", learningRate);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
            }
        }

        /** The same with Nesterov momentum. */
        public Sgd withNesterov() {
            return new Sgd(learningRate, momentum, true);
        }

        @Override
        public Op minimize(Ops tf, List<Variable<TFloat32>> weights, List<Operand<TFloat32>> gradients) {
            Ops sgd = tf.withSubScope("sgd");
            Ops gated = afterAll(sgd, gradients);
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                Variable<TFloat32> w = weights.get(i);
                Variable<TFloat32> accumulator = slot(sgd, w, "momentum");
                updates.add(gated.train.applyMomentum(w, accumulator, gated.constant((float) learningRate), gradients.get(i),
                        gated.constant((float) momentum), ApplyMomentum.useNesterov(nesterov)));
            }
            return sgd.withControlDependencies(updates).withName("update").noOp();
        }
    }

    /** {@code tf} with control dependencies on every gradient. */
    private static Ops afterAll(Ops tf, List<Operand<TFloat32>> gradients) {
        return tf.withControlDependencyOps(gradients.stream().map(Operand::op).toList());
    }

    /** A zero-initialised variable shaped like {@code weight}, named after it. */
    private static Variable<TFloat32> slot(Ops tf, Variable<TFloat32> weight, String kind) {
        String name = weight.op().name().replace('/', '_') + "_" + kind;
        return tf.withName(name).variable(tf.withInitScope().zeros(tf.withInitScope().constant(weight.shape()), TFloat32.class));
    }

    private static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }
}
