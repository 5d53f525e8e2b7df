package ai.brevetti.interfaces.charts;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.internal.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The standard charts of the model page (Python's {@code vegalite_charts}), as Vega-Lite 5 specs with
 * their data inline. Upload them with {@code job.uploadChart(name, chart)}; in a notebook they show as
 * charts.
 *
 * <pre>{@code
 * job.uploadChart("Dataset summary", VegaLiteCharts.datasetSummary(samples));
 * List<VegaLite> levels = VegaLiteCharts.securityLevels(predictions, List.of("good", "missing_cap"));
 * job.uploadChart("Training progress", VegaLiteCharts.trainingProgress(job.getRemoteMonitor()));
 * }</pre>
 */
public final class VegaLiteCharts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private VegaLiteCharts() {
    }

    private static ObjectNode spec() {
        ObjectNode spec = NODES.objectNode();
        spec.put("$schema", VegaLite.SCHEMA);
        return spec;
    }

    private static ObjectNode field(String name, String type) {
        ObjectNode f = NODES.objectNode();
        f.put("field", name);
        f.put("type", type);
        return f;
    }

    private static VegaLite chart(ObjectNode spec) {
        return VegaLite.of(Json.write(spec));
    }

    // ---- dataset summary

    /**
     * Samples per dataset and category: a horizontal stacked bar per dataset ({@code x = samples},
     * {@code y = dataset}, {@code color = category}, stacked in ascending category order), with a
     * tooltip. A multi-class category is shown as its classes joined by {@code /}.
     *
     * @param samples a sample table with {@code dataset} and {@code category} columns
     */
    public static VegaLite datasetSummary(Samples samples) {
        for (String column : List.of("dataset", "category")) {
            if (!samples.has(column)) {
                throw new IllegalArgumentException("datasetSummary needs a '" + column + "' column; the samples have "
                        + samples.columnNames());
            }
        }
        // (dataset, category) → samples, sorted by dataset then category as pandas' groupby does
        TreeMap<String, TreeMap<String, Integer>> counts = new TreeMap<>();
        String[] datasets = samples.columnArray("dataset");
        String[] categories = samples.columnArray("category");
        for (int i = 0; i < datasets.length; i++) {
            String category = String.join("/", Samples.categories(categories[i]));
            counts.computeIfAbsent(datasets[i], d -> new TreeMap<>()).merge(category, 1, Integer::sum);
        }
        ArrayNode values = NODES.arrayNode();
        counts.forEach((dataset, byCategory) -> byCategory.forEach((category, n) -> {
            ObjectNode row = values.addObject();
            row.put("dataset", dataset);
            row.put("category", category);
            row.put("samples", n);
        }));

        ObjectNode spec = spec();
        spec.putObject("config").putObject("axis").put("labelLimit", 30);
        spec.putObject("data").set("values", values);
        spec.put("mark", "bar");
        ObjectNode encoding = spec.putObject("encoding");
        encoding.set("x", field("samples", "quantitative"));
        encoding.set("y", field("dataset", "nominal"));
        encoding.set("color", field("category", "nominal"));
        encoding.set("order", field("category", "nominal").put("sort", "ascending"));
        encoding.putArray("tooltip").add(field("samples", "quantitative")).add(field("dataset", "nominal"))
                .add(field("category", "nominal"));
        return chart(spec);
    }

    // ---- security levels

    /** As {@link #securityLevels(Table, List)} for predictions kept in a sample table (probabilities as text). */
    public static List<VegaLite> securityLevels(Samples predictions, List<String> classes) {
        return securityLevels(predictions.table(), classes);
    }

    /**
     * For each class, how a decision threshold trades false rejects against true rejects (Python's
     * {@code make_security_selection}): thresholds {@code t = 0..100}; {@code FRR(t)} = share of the
     * samples of the class whose {@code prob_<class>} is below {@code t/100}, {@code TRR(t)} = share of the
     * other samples below it (plus {@code 1e-5·t}, which keeps the curve's points apart). A green line
     * {@code x = TRR}, {@code y = FRR}, with the threshold written at each point (red where the mouse is
     * nearest), zoomable; titled {@code <class>_security_level}. One chart per class, in order.
     *
     * @param predictions a table with a text {@code category} column (classes joined by {@code |}) and a
     *                    numeric (or numeric text) {@code prob_<class>} column per class
     */
    public static List<VegaLite> securityLevels(Table predictions, List<String> classes) {
        if (!predictions.containsColumn("category")) {
            throw new IllegalArgumentException("securityLevels needs a 'category' column; the predictions have "
                    + predictions.columnNames());
        }
        List<VegaLite> charts = new ArrayList<>();
        Column<?> category = predictions.column("category");
        for (String cls : classes) {
            String probColumn = "prob_" + cls;
            if (!predictions.containsColumn(probColumn)) {
                throw new IllegalArgumentException("securityLevels needs a '" + probColumn + "' column for class '" + cls
                        + "'; the predictions have " + predictions.columnNames());
            }
            double[] probabilities = numbers(predictions.column(probColumn));
            List<Double> accept = new ArrayList<>();
            List<Double> reject = new ArrayList<>();
            for (int r = 0; r < predictions.rowCount(); r++) {
                boolean has = Samples.categories(category.isMissing(r) ? "" : category.getString(r)).contains(cls);
                (has ? accept : reject).add(probabilities[r]);
            }
            charts.add(securityChart(cls, accept, reject));
        }
        return charts;
    }

    private static double[] numbers(Column<?> column) {
        double[] out = new double[column.size()];
        boolean numeric = column instanceof tech.tablesaw.api.NumericColumn<?>;
        for (int r = 0; r < out.length; r++) {
            if (column.isMissing(r)) {
                out[r] = Double.NaN;
            } else if (numeric) {
                out[r] = ((tech.tablesaw.api.NumericColumn<?>) column).getDouble(r);
            } else {
                String text = column.getString(r).strip();
                try {
                    out[r] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Column '" + column.name() + "' row " + r + ": '" + text
                            + "' is not a probability", e);
                }
            }
        }
        return out;
    }

    /** Share of {@code scores} below {@code threshold} (0 for no scores; NaN never counts as below). */
    static double shareBelow(List<Double> scores, double threshold) {
        if (scores.isEmpty()) {
            return 0.0;
        }
        long below = scores.stream().filter(s -> s < threshold).count();
        return (double) below / scores.size();
    }

    /** The size of a security-level chart's plot, in pixels: the labels are placed for it. */
    static final int SECURITY_WIDTH = 400;
    static final int SECURITY_HEIGHT = 300;
    /** The font size of the thresholds written along the curve. */
    static final int SECURITY_LABEL_SIZE = 13;
    /** Room kept inside the plot's edges (the scales' padding, pixels), so labels at the edges are not cut off. */
    static final int SECURITY_PAD_X = 36;
    static final int SECURITY_PAD_Y = 14;
    /** How far above its point a threshold is written (pixels), clear of a flat stretch of the line. */
    private static final int LABEL_RISE = 7;

    private static VegaLite securityChart(String cls, List<Double> accept, List<Double> reject) {
        String level = cls + "_security_level";
        ArrayNode values = NODES.arrayNode();
        double[] x = new double[101];
        double[] y = new double[101];
        for (int t = 0; t <= 100; t++) {
            double threshold = t / 100.0;
            ObjectNode row = values.addObject();
            y[t] = shareBelow(accept, threshold);
            x[t] = shareBelow(reject, threshold) + 1e-5 * t;
            row.put("FRR", y[t]);
            row.put("TRR", x[t]);
            row.put(level, t);
            row.put("security_threshold", "security_level");
        }

        ObjectNode spec = spec();
        ObjectNode title = spec.putObject("config").putObject("title");
        title.put("fontSize", 24);
        title.put("anchor", "start");
        title.put("color", "green");
        spec.put("title", level);
        spec.put("width", SECURITY_WIDTH);
        spec.put("height", SECURITY_HEIGHT);
        spec.putObject("data").set("values", values);
        ArrayNode layer = spec.putArray("layer");

        ObjectNode line = layer.addObject();
        line.putArray("params").addObject().put("name", "zoom").put("bind", "scales")
                .putObject("select").put("type", "interval").putArray("encodings").add("x").add("y");
        line.putObject("mark").put("type", "line").put("color", "green").putObject("point").put("color", "green").put("size", 16);
        ObjectNode lineEncoding = line.putObject("encoding");
        lineEncoding.set("x", linear(field("TRR", "quantitative")));
        lineEncoding.set("y", linear(field("FRR", "quantitative")));

        // the thresholds written along the curve: only those whose labels do not overlap (101 would pile up)
        ObjectNode labels = layer.addObject();
        ArrayNode shown = labels.putArray("transform").addObject().putObject("filter").put("field", fieldPath(level)).putArray("oneOf");
        readableLabels(x, y).forEach(shown::add);
        labels.putObject("mark").put("type", "text").put("align", "left").put("baseline", "middle").put("dx", 5)
                .put("dy", -LABEL_RISE).put("fontSize", SECURITY_LABEL_SIZE);
        ObjectNode labelEncoding = labels.putObject("encoding");
        labelEncoding.set("x", linear(field("TRR", "quantitative")));
        labelEncoding.set("y", linear(field("FRR", "quantitative")));
        labelEncoding.set("text", field(fieldPath(level), "quantitative"));

        // any threshold, in red, where the mouse is nearest
        ObjectNode text = layer.addObject();
        ObjectNode select = text.putArray("params").addObject().put("name", "select_security").putObject("select");
        select.put("type", "point");
        select.put("on", "mouseover");
        select.put("nearest", true);
        text.putObject("mark").put("type", "text").put("align", "left").put("baseline", "middle").put("dx", 7).put("dy", -14)
                .put("fontSize", 20).put("color", "red");
        ObjectNode textEncoding = text.putObject("encoding");
        textEncoding.set("x", linear(field("TRR", "quantitative")));
        textEncoding.set("y", linear(field("FRR", "quantitative")));
        textEncoding.set("text", field(fieldPath(level), "quantitative"));
        ObjectNode opacity = textEncoding.putObject("opacity");
        opacity.putObject("condition").put("param", "select_security").put("value", 1).put("empty", false);
        opacity.put("value", 0);
        return chart(spec);
    }

    /**
     * The thresholds (0..100) to write along a security-level curve so that no two labels overlap in a plot
     * of {@link #SECURITY_WIDTH}×{@link #SECURITY_HEIGHT} whose axes run from 0 to the largest value, inside
     * a padding of {@link #SECURITY_PAD_X} and {@link #SECURITY_PAD_Y} pixels:
     * multiples of 10 first, then of 5, then the others, each kept when its label's box (left-aligned 5 px
     * right of its point and 7 px above it, {@link #SECURITY_LABEL_SIZE} px text) meets none kept before.
     * In ascending order.
     */
    static List<Integer> readableLabels(double[] x, double[] y) {
        double xMax = Math.max(1e-9, java.util.Arrays.stream(x).max().orElse(1));
        double yMax = java.util.Arrays.stream(y).max().orElse(0);
        yMax = yMax <= 0 ? 1 : yMax;
        List<Integer> order = new ArrayList<>();
        for (int step : new int[] {10, 5, 1}) {
            for (int t = 0; t < x.length; t++) {
                if (t % step == 0 && !order.contains(t)) {
                    order.add(t);
                }
            }
        }
        List<double[]> boxes = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        double height = SECURITY_LABEL_SIZE * 1.25;
        for (int t : order) {
            double px = SECURITY_PAD_X + x[t] / xMax * (SECURITY_WIDTH - 2 * SECURITY_PAD_X) + 5;
            double py = SECURITY_HEIGHT - SECURITY_PAD_Y - y[t] / yMax * (SECURITY_HEIGHT - 2 * SECURITY_PAD_Y) - LABEL_RISE;
            double width = String.valueOf(t).length() * SECURITY_LABEL_SIZE * 0.65 + 2;
            double[] box = {px - 1, py - height / 2, px + width, py + height / 2};
            if (boxes.stream().noneMatch(b -> b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) {
                boxes.add(box);
                kept.add(t);
            }
        }
        kept.sort(null);
        return kept;
    }

    /**
     * A column name as a Vega-Lite field: {@code .}, {@code [}, {@code ]} and {@code \\} escaped, so a class
     * such as {@code v1.2} names its column rather than a nested one.
     */
    static String fieldPath(String column) {
        return column.replace("\\", "\\\\").replace(".", "\\.").replace("[", "\\[").replace("]", "\\]");
    }

    private static ObjectNode linear(ObjectNode field) {
        boolean x = field.get("field").asText().equals("TRR");
        field.putObject("scale").put("type", "linear").put("nice", false).put("padding", x ? SECURITY_PAD_X : SECURITY_PAD_Y);
        return field;
    }

    // ---- training progress

    /** The training progress a monitor reported so far (see {@link #trainingProgress(List)}). */
    public static VegaLite trainingProgress(RemoteMonitor monitor) {
        return trainingProgress(monitor.history());
    }

    /**
     * Metrics over epochs: one line (with points) per metric, {@code x = epoch}, {@code y = value}, with a
     * tooltip. Points are maps such as the remote monitor sends ({@code {"epoch": 3, "loss": 0.4, …}}); a
     * point without {@code epoch} counts as the next epoch; values that are not finite numbers are left out.
     */
    public static VegaLite trainingProgress(List<? extends Map<String, ?>> points) {
        ArrayNode values = NODES.arrayNode();
        double lastEpoch = -1;
        for (Map<String, ?> point : points) {
            double epoch = point.get("epoch") instanceof Number n ? n.doubleValue() : lastEpoch + 1;
            lastEpoch = epoch;
            for (Map.Entry<String, ?> e : point.entrySet()) {
                if (e.getKey().equals("epoch") || !(e.getValue() instanceof Number n)) {
                    continue;
                }
                double v = n.doubleValue();
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                ObjectNode row = values.addObject();
                if (epoch == Math.rint(epoch)) {
                    row.put("epoch", (long) epoch);
                } else {
                    row.put("epoch", epoch);
                }
                row.put("metric", e.getKey());
                row.put("value", v);
            }
        }
        ObjectNode spec = spec();
        spec.put("title", "Training progress");
        spec.putObject("data").set("values", values);
        spec.putObject("mark").put("type", "line").put("point", true);
        ObjectNode encoding = spec.putObject("encoding");
        encoding.set("x", field("epoch", "quantitative"));
        encoding.set("y", field("value", "quantitative"));
        encoding.set("color", field("metric", "nominal"));
        encoding.putArray("tooltip").add(field("epoch", "quantitative")).add(field("metric", "nominal"))
                .add(field("value", "quantitative"));
        return chart(spec);
    }
}
