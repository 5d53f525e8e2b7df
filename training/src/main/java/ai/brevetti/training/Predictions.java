package ai.brevetti.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A model's predictions as a table: the samples' columns (e.g. {@code category}, {@code path}), then
 * {@code prob_<class>} for every class (the softmax output) and {@code prediction}, the most probable
 * class. Built by {@link Predictor}; {@link #table()} is the Tablesaw table.
 */
public final class Predictions {
    /** The column of the most probable class. */
    public static final String PREDICTION = "prediction";
    /** The prefix of the probability columns. */
    public static final String PROBABILITY_PREFIX = "prob_";

    private final Table table;
    private final List<String> classes;

    private Predictions(Table table, List<String> classes) {
        this.table = table;
        this.classes = List.copyOf(classes);
    }

    /** The name of {@code className}'s probability column. */
    public static String probabilityColumn(String className) {
        return PROBABILITY_PREFIX + className;
    }

    public Table table() {
        return table;
    }

    public List<String> classes() {
        return classes;
    }

    public int size() {
        return table.rowCount();
    }

    public String prediction(int row) {
        return table.stringColumn(PREDICTION).get(row);
    }

    public double probability(int row, String className) {
        return table.doubleColumn(probabilityColumn(className)).get(row);
    }

    /** The share of rows whose prediction is their {@code category}; empty without that column or rows. */
    public OptionalDouble accuracy() {
        if (!table.containsColumn("category") || size() == 0) {
            return OptionalDouble.empty();
        }
        StringColumn category = table.stringColumn("category");
        StringColumn prediction = table.stringColumn(PREDICTION);
        int right = 0;
        for (int r = 0; r < size(); r++) {
            right += category.get(r).equals(prediction.get(r)) ? 1 : 0;
        }
        return OptionalDouble.of(right / (double) size());
    }

    /** Writes the table as CSV (header first) and returns the file. */
    public Path writeCsv(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            table.write().csv(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the predictions to '" + file + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Predictions[" + size() + " rows, classes " + classes + "]";
    }

    /** Collects rows batch by batch. */
    static final class Rows {
        private final List<String> sampleColumns;
        private final List<String> classes;
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final List<float[]> probabilities = new ArrayList<>();

        Rows(List<String> sampleColumns, List<String> classes) {
            this.sampleColumns = List.copyOf(sampleColumns);
            this.classes = List.copyOf(classes);
            sampleColumns.forEach(c -> values.put(c, new ArrayList<>()));
        }

        /** One sample: its column values (in {@code sampleColumns} order) and class probabilities. */
        void add(List<String> sample, float[] classProbabilities) {
            if (classProbabilities.length != classes.size()) {
                throw new IllegalArgumentException("The model gives " + classProbabilities.length + " probabilities per sample, but there are "
                        + classes.size() + " class names: " + classes);
            }
            for (int c = 0; c < sampleColumns.size(); c++) {
                values.get(sampleColumns.get(c)).add(sample.get(c));
            }
            probabilities.add(classProbabilities.clone());
        }

        Predictions build() {
            Table table = Table.create("predictions");
            values.forEach((name, column) -> table.addColumns(StringColumn.create(name, column)));
            for (int k = 0; k < classes.size(); k++) {
                int cls = k;
                table.addColumns(DoubleColumn.create(probabilityColumn(classes.get(k)), probabilities.stream().mapToDouble(p -> p[cls])));
            }
            table.addColumns(StringColumn.create(PREDICTION, probabilities.stream().map(p -> classes.get(argMax(p))).toList()));
            return new Predictions(table, classes);
        }
    }

    /** The index of the largest value (the first of equals). */
    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
