package ai.brevetti.training;

import ai.brevetti.data.samples.Tabular;
import ai.brevetti.internal.TextTable;
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
 * class. Built by {@link Predictor}; {@link #table()} is the Tablesaw table, shown as HTML in notebooks and as
 * aligned text at the terminal.
 */
public final class Predictions implements Tabular {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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

    @Override
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

    /** The sample columns (the table's columns before the probabilities). */
    public List<String> sampleColumns() {
        return table.columnNames().subList(0, table.columnCount() - classes.size() - 1);
    }

    /**
     * The predictions as JSON, exactly (every probability as written by the model): a part one instance of a
     * multi-instance job hands in ({@code JobInstances.gather}), read back with {@link #fromJson}.
     */
    public byte[] toJson() {
        List<String> columns = sampleColumns();
        List<List<String>> rows = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        for (int r = 0; r < size(); r++) {
            int row = r;
            rows.add(columns.stream().map(c -> table.stringColumn(c).get(row)).toList());
            probabilities.add(classes.stream().mapToDouble(c -> probability(row, c)).toArray());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("classes", classes);
        doc.put("columns", columns);
        doc.put("rows", rows);
        doc.put("probabilities", probabilities);
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the predictions as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Predictions written by {@link #toJson}.
     *
     * @throws IllegalArgumentException when {@code json} is not such predictions
     */
    public static Predictions fromJson(byte[] json) {
        Part part;
        try {
            part = JSON.readValue(json, Part.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not predictions written by Predictions.toJson: " + e.getMessage(), e);
        }
        if (part.classes() == null || part.columns() == null || part.rows() == null || part.probabilities() == null
                || part.rows().size() != part.probabilities().size()) {
            throw new IllegalArgumentException("Not predictions written by Predictions.toJson: classes, columns, rows and"
                    + " probabilities (one per row) are needed");
        }
        Rows rows = new Rows(part.columns(), part.classes());
        for (int r = 0; r < part.rows().size(); r++) {
            if (part.rows().get(r).size() != part.columns().size()) {
                throw new IllegalArgumentException("Row " + r + " of the predictions has " + part.rows().get(r).size()
                        + " values for the " + part.columns().size() + " columns " + part.columns());
            }
            double[] p = part.probabilities().get(r);
            float[] f = new float[p.length];
            for (int k = 0; k < p.length; k++) {
                f[k] = (float) p[k];
            }
            rows.add(part.rows().get(r), f);
        }
        return rows.build();
    }

    private record Part(List<String> classes, List<String> columns, List<List<String>> rows, List<double[]> probabilities) {
    }

    /**
     * The predictions of {@code samples}, merged from parts that each predicted some of them (the instances
     * of a multi-instance job): one row per sample, in the samples' order, as predicting them all at once
     * gives. Rows are matched by their sample columns' values (samples alike in every column, the same
     * file listed twice, are predicted alike, so which of their rows comes first does not matter).
     *
     * @throws IllegalArgumentException when the parts disagree on the classes or columns, a sample has no
     *                                  prediction, or a part predicted a sample that is not in {@code samples}
     */
    public static Predictions merge(ai.brevetti.data.samples.Samples samples, List<Predictions> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("No parts to merge");
        }
        List<String> classes = parts.get(0).classes();
        List<String> columns = parts.get(0).sampleColumns();
        Map<List<String>, java.util.ArrayDeque<float[]>> byKey = new java.util.HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            Predictions part = parts.get(p);
            if (!part.classes().equals(classes) || !part.sampleColumns().equals(columns)) {
                throw new IllegalArgumentException("Part " + (p + 1) + " of " + parts.size() + " has the classes " + part.classes()
                        + " and columns " + part.sampleColumns() + ", part 1 " + classes + " and " + columns
                        + ": the parts come from different models or samples");
            }
            for (int r = 0; r < part.size(); r++) {
                int row = r;
                List<String> key = columns.stream().map(c -> part.table().stringColumn(c).get(row)).toList();
                float[] probabilities = new float[classes.size()];
                for (int k = 0; k < probabilities.length; k++) {
                    probabilities[k] = (float) part.probability(row, classes.get(k));
                }
                byKey.computeIfAbsent(key, k -> new java.util.ArrayDeque<>()).add(probabilities);
            }
        }
        if (!samples.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The samples have the columns " + samples.columnNames() + ", the parts " + columns);
        }
        Rows rows = new Rows(columns, classes);
        for (int r = 0; r < samples.size(); r++) {
            int row = r;
            List<String> key = columns.stream().map(c -> samples.get(row, c)).toList();
            java.util.ArrayDeque<float[]> found = byKey.get(key);
            if (found == null || found.isEmpty()) {
                throw new IllegalArgumentException("Sample " + (r + 1) + " of " + samples.size() + " ("
                        + (samples.has("path") ? samples.get(r, "path") : key) + ") has no prediction in any of the " + parts.size()
                        + " parts: an instance left it out");
            }
            rows.add(key, found.poll());
        }
        byKey.values().stream().filter(q -> !q.isEmpty()).findFirst().ifPresent(q -> {
            throw new IllegalArgumentException(byKey.values().stream().mapToInt(java.util.ArrayDeque::size).sum()
                    + " prediction(s) of the parts are of no sample in the list (or of one predicted twice)");
        });
        return rows.build();
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

    /** The table as aligned text under {@code Predictions[12 rows, classes [bad, good], accuracy 0.75]}, fitted to the terminal. */
    @Override
    public String toString() {
        String accuracy = accuracy().isPresent() ? ", accuracy " + TextTable.number(accuracy().getAsDouble()) : "";
        return TextTable.render("Predictions[" + size() + " rows, classes " + classes + accuracy + "]", table, true, 100);
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
