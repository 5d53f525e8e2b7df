package ai.brevetti.data.generator;

import ai.brevetti.data.samples.Samples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-hot encodes a class column: {@code (batch, classes)} float32, 1 at the sample's class. A
 * multi-class category ({@code a|b}) sets every one of its classes (multi-hot); an unknown class gives a
 * row of zeros. Python's {@code OneHotEncoder(classes, input_key="category", output_key="onehot")}.
 */
public final class OneHotEncoder implements BatchStep, SamplesAware {
    private final List<String> classes;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final String inputKey;
    private final String outputKey;

    public OneHotEncoder(List<String> classes) {
        this(classes, "category", "onehot");
    }

    /** An encoder whose classes are taken from the samples when it is mapped onto a generator. */
    public static OneHotEncoder fromSamples() {
        return new OneHotEncoder(List.of(), "category", "onehot");
    }

    /** With no classes given, the samples' classes (sorted); otherwise this encoder as it is. */
    @Override
    public BatchStep bind(Samples samples) {
        if (!classes.isEmpty()) {
            return this;
        }
        List<String> found = inputKey.equals("category") ? samples.classes() : samples.unique(inputKey).stream().sorted().toList();
        return new OneHotEncoder(found, inputKey, outputKey);
    }

    public OneHotEncoder(List<String> classes, String inputKey, String outputKey) {
        this.classes = List.copyOf(classes);
        for (String c : this.classes) {
            if (index.putIfAbsent(c, index.size()) != null) {
                throw new IllegalArgumentException("Class '" + c + "' is listed twice in " + classes);
            }
        }
        this.inputKey = inputKey;
        this.outputKey = outputKey;
    }

    public List<String> classes() {
        return classes;
    }

    /** The batch column the encoding is written to. */
    public String outputKey() {
        return outputKey;
    }

    @Override
    public Batch apply(Batch batch, StepRandom random) {
        if (classes.isEmpty()) {
            throw new IllegalStateException("This one-hot encoder has no classes: give them, or map it onto a generator so it takes the samples' classes");
        }
        String[] values = batch.strings(inputKey);
        int n = classes.size();
        float[] out = new float[values.length * n];
        for (int i = 0; i < values.length; i++) {
            for (String c : Samples.categories(values[i])) {
                Integer k = index.get(c);
                if (k != null) {
                    out[i * n + k] = 1f;
                }
            }
        }
        return batch.with(outputKey, new Tensor(out, values.length, n));
    }

    @Override
    public String toString() {
        return "OneHotEncoder" + classes + (inputKey.equals("category") ? "" : " from " + inputKey);
    }
}
