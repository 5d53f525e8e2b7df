package ai.brevetti.interfaces.pivot;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pivot tables on the model page (Python's {@code brevettiai.interfaces.pivot}): a folder with
 * {@code summary_fields.json} (which fields the pivot offers, and which start as rows and columns) and
 * {@code classification_summary.json} (the samples counted per combination of field values).
 *
 * <pre>{@code
 * PivotTables.exportPivotTable(job.artifactDir("pivot"), samples, job.datasets(), null, job.getRootTags(),
 *         List.of("dataset_id"), List.of("category"), Map.of("url", "first"));
 * }</pre>
 *
 * <p>Multi-valued cells (the classes of a {@code category} joined by {@code |}, and the values of a
 * {@code tag_…} column) are exploded: a sample counts once under each of its values, and all records of
 * one sample combination share its {@code id} (so the pivot can tell them apart from distinct samples).
 * Missing and empty values are {@code "N/A"}.
 */
public final class PivotTables {
    private static final Logger LOG = LoggerFactory.getLogger(PivotTables.class);
    /** What a missing or empty field value is shown as (Python's {@code fillna("N/A")}). */
    public static final String NOT_AVAILABLE = "N/A";
    /** The aggregations {@code agg} may name. */
    public static final Set<String> AGGREGATIONS = Set.of("first", "last", "sum", "mean", "min", "max", "count", "nunique", "size");

    private PivotTables() {
    }

    /** What an export wrote. */
    public record Export(String summaryFields, String classificationSummary, int records) {
    }

    /** The default fields, no tags, nothing preset as rows or columns, counts only. */
    public static Export exportPivotTable(String dir, Samples samples) {
        return exportPivotTable(dir, samples, null, null, null, List.of(), List.of(), Map.of());
    }

    /**
     * Writes {@code summary_fields.json} and {@code classification_summary.json} into {@code dir} (a local
     * folder or an {@code s3://} prefix), through the samples' storage.
     *
     * @param fields field key → label (text) or options (a map with {@code label}, {@code sort}, …); null:
     *               {@link #getDefaultFields}
     * @param datasets with {@code tags}: each dataset's tags become {@code tag_<root id>} fields labelled
     *                 with the root tag's name (null: none)
     * @param tags the organisation's tag trees ({@code job.getRootTags()})
     * @param rows the fields the pivot starts with as rows
     * @param cols the fields it starts with as columns
     * @param agg column → aggregation of the other values to keep per record ({@code first}, {@code last},
     *            {@code sum}, {@code mean}, {@code min}, {@code max}, {@code count}, {@code nunique},
     *            {@code size}), e.g. {@code {"url": "first"}}; {@code count} is always summed
     */
    public static Export exportPivotTable(String dir, Samples samples, List<Dataset> datasets, Map<String, ?> fields,
                                          List<Tag> tags, List<String> rows, List<String> cols, Map<String, String> agg) {
        return exportPivotTable(samples.io(), dir, samples, datasets, fields, tags, rows, cols, agg);
    }

    /** As {@link #exportPivotTable(String, Samples, List, Map, List, List, List, Map)}, writing through {@code io}. */
    public static Export exportPivotTable(IoTools io, String dir, Samples samples, List<Dataset> datasets, Map<String, ?> fields,
                                          List<Tag> tags, List<String> rows, List<String> cols, Map<String, String> agg) {
        Map<String, Object> fieldMap = new LinkedHashMap<>(fields == null || fields.isEmpty() ? getDefaultFields(samples) : fields);
        Samples table = samples;
        if (datasets != null && tags != null) {
            DatasetMeta meta = joinDatasetMeta(samples, datasets, tags);
            table = meta.samples();
            fieldMap.putAll(meta.labels());
        }
        List<Map<String, Object>> records = pivotData(table, fieldMap, agg);
        Map<String, List<Map<String, Object>>> summaryFields = pivotFields(fieldMap, rows, cols);
        if (samples.isEmpty()) {
            LOG.warn("Pivot table of no samples: {} has no records", IoTools.join(dir, "classification_summary.json"));
        }
        String fieldsPath = IoTools.join(dir, "summary_fields.json");
        String summaryPath = IoTools.join(dir, "classification_summary.json");
        io.writeFile(fieldsPath, Json.writePython(summaryFields));
        io.writeFile(summaryPath, Json.writePython(records));
        return new Export(fieldsPath, summaryPath, records.size());
    }

    /**
     * The default fields of the columns the samples have: {@code category} ("Category", its classes as
     * the sort order, in order of first appearance), {@code folder} ("Folder"), {@code dataset_id}
     * ("Dataset Id"), {@code purpose} ("Purpose"), and for predictions (test reports) {@code dataset}
     * ("Dataset") and {@code prediction} ("Prediction").
     */
    public static Map<String, Object> getDefaultFields(Samples samples) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (samples.has("category")) {
            Set<String> classes = new LinkedHashSet<>();
            for (String cell : samples.unique("category")) {
                classes.addAll(Samples.categories(cell));
            }
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("label", "Category");
            category.put("sort", List.copyOf(classes));
            fields.put("category", category);
        }
        boolean predictions = samples.has("prediction");
        for (String[] f : new String[][] {{"folder", "Folder"}, {"dataset_id", "Dataset Id"}, {"purpose", "Purpose"},
                {"dataset", "Dataset"}, {"prediction", "Prediction"}}) {
            if (samples.has(f[0]) && (predictions || !f[0].equals("dataset"))) {
                fields.put(f[0], f[1]);
            }
        }
        return fields;
    }

    /**
     * {@code summary_fields.json}: {@code {"rowFields": […], "colFields": […], "fields": […]}}, each
     * field {@code {"key": k, "label": l}} (or {@code {"key": k, …options}}); rows go to
     * {@code rowFields}, columns that are not rows to {@code colFields}, the rest to {@code fields}.
     */
    public static Map<String, List<Map<String, Object>>> pivotFields(Map<String, ?> fields, List<String> rows, List<String> cols) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", key);
            if (value instanceof Map<?, ?> options) {
                options.forEach((k, v) -> entry.put(String.valueOf(k), v));
            } else {
                entry.put("label", value == null ? key : String.valueOf(value));
            }
            entries.put(key, entry);
        });
        List<String> rowList = rows == null ? List.of() : rows;
        List<String> colList = cols == null ? List.of() : cols;
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("rowFields", new ArrayList<>());
        out.put("colFields", new ArrayList<>());
        out.put("fields", new ArrayList<>());
        for (String r : rowList) {
            out.get("rowFields").add(entry(entries, r, "row"));
        }
        for (String c : colList) {
            if (!rowList.contains(c)) {
                out.get("colFields").add(entry(entries, c, "column"));
            }
        }
        entries.forEach((key, entry) -> {
            if (!rowList.contains(key) && !colList.contains(key)) {
                out.get("fields").add(entry);
            }
        });
        return out;
    }

    private static Map<String, Object> entry(Map<String, Map<String, Object>> entries, String key, String what) {
        Map<String, Object> entry = entries.get(key);
        if (entry == null) {
            throw new IllegalArgumentException("Pivot " + what + " '" + key + "' is not one of the fields " + entries.keySet());
        }
        return entry;
    }

    // ---- dataset tags

    /** Samples with their datasets' tag columns, and each column's label (the root tag's name). */
    public record DatasetMeta(Samples samples, Map<String, String> labels) {
    }

    /**
     * Joins each sample's dataset tags as columns (Python's {@code join_dataset_meta}): for every tag of
     * a dataset and every path from a root tag to it, column {@code tag_<root id without spaces, '-' as
     * '_'>} labelled with the root's name holds the first-level tag's name under that root (the root's own
     * name when the tag is the root); several values are joined by {@code |}. Columns in key order.
     */
    public static DatasetMeta joinDatasetMeta(Samples samples, List<Dataset> datasets, List<Tag> tags) {
        if (!samples.has("dataset_id")) {
            throw new IllegalArgumentException("Joining dataset tags needs a 'dataset_id' column; the samples have "
                    + samples.columnNames());
        }
        Map<String, String> labels = new TreeMap<>();
        // column key → dataset id → values in order of appearance
        Map<String, Map<String, Set<String>>> values = new TreeMap<>();
        for (Dataset dataset : datasets) {
            for (Tag tag : dataset.tags()) {
                for (List<Tag> path : Tag.findPath(tags, Tag::id, tag.id())) {
                    Tag root = path.get(0);
                    String key = "tag_" + root.id().replace(" ", "").replace('-', '_');
                    labels.putIfAbsent(key, root.name());
                    String value = path.size() > 1 ? path.get(1).name() : root.name();
                    values.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .computeIfAbsent(dataset.id(), k -> new LinkedHashSet<>()).add(value);
                }
            }
        }
        Samples out = samples;
        String[] datasetIds = samples.columnArray("dataset_id");
        for (Map.Entry<String, Map<String, Set<String>>> column : values.entrySet()) {
            List<String> cells = new ArrayList<>(datasetIds.length);
            for (String id : datasetIds) {
                Set<String> v = column.getValue().get(id);
                cells.add(v == null ? "" : String.join(Samples.CLASS_SEPARATOR, v));
            }
            out = out.withColumn(column.getKey(), cells);
        }
        return new DatasetMeta(out, new LinkedHashMap<>(labels));
    }

    // ---- records

    /** Whether a column holds several values per cell, joined by {@code |}. */
    static boolean multiValued(String column) {
        return column.equals("category") || column.startsWith("tag_");
    }

    private static List<String> cellValues(String column, String cell) {
        if (cell == null || cell.isEmpty()) {
            return List.of(NOT_AVAILABLE);
        }
        if (!multiValued(column)) {
            return List.of(cell);
        }
        List<String> items = new ArrayList<>();
        for (String v : cell.split("\\|", -1)) {
            items.add(v.isEmpty() ? NOT_AVAILABLE : v);
        }
        return items;
    }

    private static final Comparator<List<List<String>>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            List<String> x = a.get(i);
            List<String> y = b.get(i);
            for (int j = 0; j < Math.min(x.size(), y.size()); j++) {
                int c = x.get(j).compareTo(y.get(j));
                if (c != 0) {
                    return c;
                }
            }
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
        }
        return 0;
    };

    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /**
     * {@code classification_summary.json}'s records: one per distinct combination of (exploded) field
     * values and sample-combination {@code id}, with the fields, {@code id}, the {@code agg} aggregates
     * and {@code count} (the number of samples, or the sum of a {@code count} column), sorted by field
     * values then id. Ids number the distinct combinations of the samples' (unexploded) field values in
     * sorted order.
     */
    public static List<Map<String, Object>> pivotData(Samples samples, Map<String, ?> fields, Map<String, String> agg) {
        List<String> fieldList = List.copyOf(fields.keySet());
        for (String f : fieldList) {
            if (!samples.has(f)) {
                throw new IllegalArgumentException("Pivot field '" + f + "' is not a column of the samples " + samples.columnNames());
            }
        }
        Map<String, String> aggregations = new LinkedHashMap<>(agg == null ? Map.of() : agg);
        aggregations.put("count", "sum");
        for (Map.Entry<String, String> a : aggregations.entrySet()) {
            if (!AGGREGATIONS.contains(a.getValue())) {
                throw new IllegalArgumentException("Pivot aggregation '" + a.getValue() + "' of '" + a.getKey() + "' is not one of "
                        + new TreeSet<>(AGGREGATIONS));
            }
            if (!a.getKey().equals("count") && !samples.has(a.getKey())) {
                throw new IllegalArgumentException("Pivot aggregation column '" + a.getKey() + "' is not a column of the samples "
                        + samples.columnNames());
            }
        }
        int n = samples.size();
        String[][] fieldCells = new String[fieldList.size()][];
        for (int f = 0; f < fieldCells.length; f++) {
            fieldCells[f] = samples.columnArray(fieldList.get(f));
        }
        String[] counts = samples.has("count") ? samples.columnArray("count") : null;

        // the samples' field values, and the id of each distinct combination in sorted order
        List<List<List<String>>> keys = new ArrayList<>(n);
        TreeMap<List<List<String>>, Integer> ids = new TreeMap<>(KEY_ORDER);
        for (int r = 0; r < n; r++) {
            List<List<String>> key = new ArrayList<>(fieldList.size());
            for (int f = 0; f < fieldCells.length; f++) {
                key.add(cellValues(fieldList.get(f), fieldCells[f][r]));
            }
            keys.add(key);
            ids.put(key, 0);
        }
        int next = 0;
        for (Map.Entry<List<List<String>>, Integer> e : ids.entrySet()) {
            e.setValue(next++);
        }

        // explode and group by (field values, id)
        TreeMap<List<String>, List<Integer>> groups = new TreeMap<>(ROW_ORDER);
        for (int r = 0; r < n; r++) {
            List<List<String>> key = keys.get(r);
            String id = String.format("%012d", ids.get(key));
            for (List<String> combination : cartesian(key)) {
                List<String> group = new ArrayList<>(combination);
                group.add(id);
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(r);
            }
        }

        Map<String, String[]> aggColumns = new LinkedHashMap<>();
        aggregations.keySet().forEach(c -> aggColumns.put(c, c.equals("count") ? counts : samples.columnArray(c)));
        List<Map<String, Object>> records = new ArrayList<>(groups.size());
        for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int f = 0; f < fieldList.size(); f++) {
                record.put(fieldList.get(f), g.getKey().get(f));
            }
            record.put("id", Integer.parseInt(g.getKey().get(fieldList.size())));
            for (Map.Entry<String, String> a : aggregations.entrySet()) {
                record.put(a.getKey(), aggregate(a.getKey(), a.getValue(), aggColumns.get(a.getKey()), g.getValue()));
            }
            records.add(record);
        }
        return records;
    }

    private static List<List<String>> cartesian(List<List<String>> key) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> values : key) {
            List<List<String>> next = new ArrayList<>(out.size() * values.size());
            for (List<String> prefix : out) {
                for (String v : values) {
                    List<String> combination = new ArrayList<>(prefix);
                    combination.add(v);
                    next.add(combination);
                }
            }
            out = next;
        }
        return out;
    }

    /** One aggregate over the rows of a group; {@code cells} null means a column of ones (the default count). */
    static Object aggregate(String column, String how, String[] cells, List<Integer> rows) {
        if (how.equals("size")) {
            return rows.size();
        }
        List<String> present = new ArrayList<>(rows.size());
        for (int r : rows) {
            String v = cells == null ? "1" : cells[r];
            if (v != null && !v.isEmpty()) {
                present.add(v);
            }
        }
        switch (how) {
            case "first":
                return present.isEmpty() ? null : present.get(0);
            case "last":
                return present.isEmpty() ? null : present.get(present.size() - 1);
            case "count":
                return present.size();
            case "nunique":
                return new LinkedHashSet<>(present).size();
            default:
                break;
        }
        double[] numbers = new double[present.size()];
        boolean integral = true;
        for (int i = 0; i < numbers.length; i++) {
            try {
                numbers[i] = Double.parseDouble(present.get(i).strip());
            } catch (NumberFormatException e) {
                if (how.equals("min") || how.equals("max")) {
                    TreeSet<String> sorted = new TreeSet<>(present);
                    return how.equals("min") ? sorted.first() : sorted.last();
                }
                throw new IllegalArgumentException("Pivot aggregation '" + how + "' of '" + column + "' needs numbers, not '"
                        + present.get(i) + "'", e);
            }
            integral &= numbers[i] == Math.rint(numbers[i]) && Math.abs(numbers[i]) < 1e15;
        }
        if (numbers.length == 0) {
            return how.equals("sum") ? 0 : null;
        }
        double result = switch (how) {
            case "sum" -> Arrays.stream(numbers).sum();
            case "mean" -> Arrays.stream(numbers).average().orElse(Double.NaN);
            case "min" -> Arrays.stream(numbers).min().orElse(Double.NaN);
            case "max" -> Arrays.stream(numbers).max().orElse(Double.NaN);
            default -> throw new IllegalArgumentException("Unknown aggregation " + how);
        };
        return integral && !how.equals("mean") ? (Object) (long) result : (Object) result;
    }
}
