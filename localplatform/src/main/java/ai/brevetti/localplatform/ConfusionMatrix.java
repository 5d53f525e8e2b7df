package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A test report's confusion matrix, counted from its {@code artifacts/predictions.csv} (one row per sample:
 * the sample columns with the true class in {@code category}, {@code prob_<class>} per class, the predicted
 * class in {@code prediction}; docs/outputs.md): rows are the true classes, columns the predicted ones. The
 * page draws it as a heat map (counts, or normalised by true class: a toggle) whose off-diagonal cells
 * link to their samples, shown with a thumbnail of the image and their true and predicted class.
 */
final class ConfusionMatrix {
    /** The predictions file, within a job's artifacts. */
    static final String FILE = "predictions.csv";
    static final String TRUE_COLUMN = "category";
    static final String PREDICTED_COLUMN = "prediction";
    static final String PROBABILITY_PREFIX = "prob_";
    /** The most samples a cell lists (its count is always exact). */
    static final int MAX_SAMPLES_PER_CELL = 60;

    /** One sample of a cell: its image path, true and predicted class, the predicted class's probability (NaN if unknown). */
    record Sample(String path, String trueClass, String predicted, double probability) {}

    final List<String> trueClasses;
    final List<String> predictedClasses;
    final long[][] counts;
    final List<List<List<Sample>>> samples;
    final int total;

    private ConfusionMatrix(List<String> trueClasses, List<String> predictedClasses, long[][] counts,
                            List<List<List<Sample>>> samples, int total) {
        this.trueClasses = trueClasses;
        this.predictedClasses = predictedClasses;
        this.counts = counts;
        this.samples = samples;
        this.total = total;
    }

    /**
     * The matrix of a predictions file. Classes in the order of its {@code prob_<class>} columns, then
     * other values alphabetically (a multi-class true category such as {@code a|b} is a row of its own).
     *
     * @throws IllegalArgumentException naming the file when it is not CSV or lacks {@code category} or {@code prediction}
     */
    static ConfusionMatrix of(String text) {
        List<String> modelClasses = new ArrayList<>();
        Map<String, Map<String, Long>> counted = new LinkedHashMap<>();
        Map<String, Map<String, List<Sample>>> listed = new LinkedHashMap<>();
        int[] total = {0};
        CsvText.stream(FILE, text, header -> {
            int truth = header.indexOf(TRUE_COLUMN);
            int predicted = header.indexOf(PREDICTED_COLUMN);
            if (truth < 0 || predicted < 0) {
                throw new IllegalArgumentException(FILE + " has no '" + (truth < 0 ? TRUE_COLUMN : PREDICTED_COLUMN) + "' column ("
                        + (truth < 0 ? "the true class" : "the predicted class") + "), so no confusion matrix; its columns are " + header);
            }
            Map<String, Integer> probability = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String column = header.get(c);
                if (column.startsWith(PROBABILITY_PREFIX) && column.length() > PROBABILITY_PREFIX.length()) {
                    modelClasses.add(column.substring(PROBABILITY_PREFIX.length()));
                    probability.put(column.substring(PROBABILITY_PREFIX.length()), c);
                }
            }
            int path = header.indexOf("path");
            return row -> {
                String t = label(cell(row, truth));
                String p = label(cell(row, predicted));
                total[0]++;
                counted.computeIfAbsent(t, k -> new LinkedHashMap<>()).merge(p, 1L, Long::sum);
                List<Sample> cell = listed.computeIfAbsent(t, k -> new LinkedHashMap<>()).computeIfAbsent(p, k -> new ArrayList<>());
                if (!t.equals(p) && cell.size() < MAX_SAMPLES_PER_CELL) {
                    cell.add(new Sample(cell(row, path), t, p, number(cell(row, probability.getOrDefault(p, -1)))));
                }
            };
        });
        List<String> rows = ordered(modelClasses, counted.keySet());
        List<String> cols = ordered(modelClasses, counted.values().stream().flatMap(m -> m.keySet().stream()).toList());
        long[][] counts = new long[rows.size()][cols.size()];
        List<List<List<Sample>>> samples = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<List<Sample>> line = new ArrayList<>();
            for (int j = 0; j < cols.size(); j++) {
                counts[i][j] = counted.getOrDefault(rows.get(i), Map.of()).getOrDefault(cols.get(j), 0L);
                line.add(List.copyOf(listed.getOrDefault(rows.get(i), Map.of()).getOrDefault(cols.get(j), List.of())));
            }
            samples.add(line);
        }
        return new ConfusionMatrix(List.copyOf(rows), List.copyOf(cols), counts, samples, total[0]);
    }

    /** The model's classes in their order, then the other values alphabetically. */
    private static List<String> ordered(List<String> modelClasses, java.util.Collection<String> seen) {
        List<String> out = new ArrayList<>(modelClasses);
        TreeSet<String> others = new TreeSet<>(seen);
        others.removeAll(modelClasses);
        out.addAll(others);
        return out;
    }

    private static String cell(String[] row, int column) {
        return column < 0 || column >= row.length || row[column] == null ? "" : row[column];
    }

    private static String label(String value) {
        return value.isBlank() ? "(none)" : value;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    long rowTotal(int i) {
        long sum = 0;
        for (long c : counts[i]) {
            sum += c;
        }
        return sum;
    }

    /** The samples whose prediction is not their true class. */
    long misclassified() {
        long wrong = 0;
        for (int i = 0; i < trueClasses.size(); i++) {
            for (int j = 0; j < predictedClasses.size(); j++) {
                wrong += trueClasses.get(i).equals(predictedClasses.get(j)) ? 0 : counts[i][j];
            }
        }
        return wrong;
    }

    /**
     * The heat map and the cells' samples as HTML. The normalisation toggle is two radio buttons before
     * the table; the style sheet shows the counts or the shares by which one is checked (no script), each
     * cell carrying both colour intensities ({@code --c} of the largest count, {@code --r} of its row). A
     * cell's samples are a block shown when the cell's link targets it ({@code :target}).
     *
     * @param image the download link of a sample's image path, empty when it is not in the platform's bucket
     */
    String html(Function<String, Optional<String>> image) {
        long max = 1;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        StringBuilder out = new StringBuilder();
        long wrong = misclassified();
        out.append("<p id=\"confusion-summary\" class=\"note\">").append(total).append(total == 1 ? " sample, " : " samples, ").append(wrong)
                .append(" misclassified (artifacts/").append(FILE).append("): rows are the true class (").append(TRUE_COLUMN)
                .append("), columns the prediction. Click a cell to see its samples.</p>\n");
        out.append("<div class=\"confusion\">\n<input type=\"radio\" name=\"confusion-norm\" id=\"norm-none\" value=\"none\" checked>")
                .append("<label for=\"norm-none\">Counts</label>\n<input type=\"radio\" name=\"confusion-norm\" id=\"norm-true\" value=\"true\">")
                .append("<label for=\"norm-true\">Normalised by true class</label>\n");
        out.append("<table class=\"confusion-matrix\" id=\"confusion-matrix\">\n<thead><tr><th class=\"corner\">true \\ predicted</th>");
        for (String p : predictedClasses) {
            out.append("<th class=\"predicted\">").append(esc(p)).append("</th>");
        }
        out.append("<th class=\"total\">Total</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < trueClasses.size(); i++) {
            long rowTotal = rowTotal(i);
            out.append("<tr><th class=\"true\">").append(esc(trueClasses.get(i))).append("</th>");
            for (int j = 0; j < predictedClasses.size(); j++) {
                long c = counts[i][j];
                double ofMax = (double) c / max;
                double ofRow = rowTotal == 0 ? 0 : (double) c / rowTotal;
                boolean diagonal = trueClasses.get(i).equals(predictedClasses.get(j));
                out.append("<td class=\"cell").append(diagonal ? " diagonal" : c > 0 ? " error" : "").append(ofMax > 0.55 ? " dark-c" : "")
                        .append(ofRow > 0.55 ? " dark-r" : "").append("\" data-count=\"").append(c).append("\" data-share=\"")
                        .append(String.format(Locale.ROOT, "%.4f", ofRow)).append("\" style=\"--c:")
                        .append(String.format(Locale.ROOT, "%.3f", ofMax)).append(";--r:").append(String.format(Locale.ROOT, "%.3f", ofRow))
                        .append("\">");
                String value = "<span class=\"count\">" + c + "</span><span class=\"share\">" + percent(ofRow) + "</span>";
                if (!diagonal && c > 0) {
                    out.append("<a href=\"#cell-").append(i).append('-').append(j).append("\" title=\"").append(c).append(" ")
                            .append(esc(trueClasses.get(i))).append(" predicted as ").append(esc(predictedClasses.get(j))).append("\">")
                            .append(value).append("</a>");
                } else {
                    out.append(value);
                }
                out.append("</td>");
            }
            out.append("<td class=\"total\">").append(rowTotal).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
        out.append("<div id=\"confusion-samples\">\n");
        for (int i = 0; i < trueClasses.size(); i++) {
            for (int j = 0; j < predictedClasses.size(); j++) {
                List<Sample> cell = samples.get(i).get(j);
                if (cell.isEmpty()) {
                    continue;
                }
                out.append("<div class=\"cell-samples\" id=\"cell-").append(i).append('-').append(j).append("\">\n<h3>")
                        .append(counts[i][j]).append(" ").append(esc(trueClasses.get(i))).append(" predicted as ")
                        .append(esc(predictedClasses.get(j))).append("</h3>\n<div class=\"samples\">\n");
                for (Sample s : cell) {
                    out.append(sample(s, image.apply(s.path())));
                }
                out.append("</div>\n");
                if (counts[i][j] > cell.size()) {
                    out.append(ModelPage.note("… and " + (counts[i][j] - cell.size()) + " more (all of them in artifacts/" + FILE + ")."));
                }
                out.append("</div>\n");
            }
        }
        return out.append("</div>\n").toString();
    }

    private static String sample(Sample s, Optional<String> link) {
        String name = s.path().substring(s.path().lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder("<figure class=\"sample\" title=\"").append(esc(s.path())).append("\">");
        if (link.isPresent()) {
            out.append("<a href=\"").append(esc(link.get())).append("\"><img loading=\"lazy\" src=\"").append(esc(link.get()))
                    .append("\" alt=\"").append(esc(name)).append("\"></a>");
        } else {
            out.append("<div class=\"no-image\">").append(esc(name.isEmpty() ? "no path" : name)).append("</div>");
        }
        out.append("<figcaption><span class=\"true-class\">true: ").append(esc(s.trueClass())).append("</span><span class=\"predicted-class\">")
                .append("predicted: ").append(esc(s.predicted()))
                .append(Double.isNaN(s.probability()) ? "" : String.format(Locale.ROOT, " (%.2f)", s.probability()))
                .append("</span></figcaption></figure>\n");
        return out.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
