package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comparison page ({@code /compare?ids=A,B,…}, 2 to {@value #MAX_RUNS} runs): the runs, their training
 * curves overlaid per metric (drawn by {@code /static/compare-page.js} with the bundled vega-embed, with a
 * log-scale and a smoothing control), their output metrics side by side with the best marked, the settings
 * that differ and the datasets. The data is {@link Comparison}.
 */
final class ComparePage {
    static final int MIN_RUNS = 2;
    static final int MAX_RUNS = 10;
    static final String[] SCRIPTS = PlatformPages.vegaScripts("/static/compare-page.js");

    private final RunIndex index;
    private final PlatformStore store;

    ComparePage(RunIndex index, PlatformStore store) {
        this.index = index;
        this.store = store;
    }

    /** The ids of {@code ?ids=} (repeated, or comma-separated), in order without repeats; 400 unless 2 to 10; 404 for one that is no run. */
    static List<String> ids(List<String> params) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : params) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(PlatformStore.safe(id.strip()));
                }
            }
        }
        if (ids.size() < MIN_RUNS || ids.size() > MAX_RUNS) {
            throw new PlatformError(400, "Select " + MIN_RUNS + " to " + MAX_RUNS + " runs to compare (?ids=ID,ID,…; got " + ids.size()
                    + "): tick them in the list on the front page.");
        }
        return List.copyOf(ids);
    }

    Comparison compare(List<String> ids) {
        List<RunSummary> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(index.run(id).orElseThrow(() -> new PlatformError(404, "No model or test report " + id + " on this platform")));
        }
        return new Comparison(runs, index.datasets(), store);
    }

    String render(Comparison c) {
        StringBuilder body = new StringBuilder("<h1>Comparing ").append(c.runs.size()).append(" runs</h1>\n");
        body.append("<p class=\"meta\"><a href=\"/\">Back to the list</a></p>\n");
        body.append(runsSection(c));
        body.append("<section id=\"curves\">\n<h2>Training curves</h2>\n");
        if (c.curves.isEmpty()) {
            body.append(ModelPage.note("None of these runs posted training progress."));
        } else {
            body.append("<p class=\"controls\"><label><input type=\"checkbox\" id=\"log-scale\"> log scale (y)</label> ")
                    .append("<label>smoothing <input type=\"range\" id=\"smoothing\" min=\"0\" max=\"0.99\" step=\"0.01\" value=\"0\"> ")
                    .append("<output id=\"smoothing-value\" for=\"smoothing\">0</output></label></p>\n");
            int i = 0;
            for (String metric : c.curves.keySet()) {
                body.append("<figure class=\"chart curve\"><figcaption>").append(esc(metric)).append("</figcaption><div class=\"vega\" id=\"curve-")
                        .append(i++).append("\" data-metric=\"").append(esc(metric)).append("\"></div><p class=\"note curve-note\"></p></figure>\n");
            }
            if (!c.withoutCurves.isEmpty()) {
                body.append(ModelPage.note("No training progress from " + String.join(", ", c.withoutCurves) + "."));
            }
        }
        body.append("</section>\n");
        body.append(metricsSection(c));
        body.append(settingsSection(c));
        body.append(datasetsSection(c));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runs", c.labels);
        data.put("curves", c.curves);
        body.append("<script type=\"application/json\" id=\"page-data\">").append(Html.json(data)).append("</script>\n");
        return Html.page("Comparing " + c.runs.size() + " runs", body.toString(), SCRIPTS);
    }

    /** The header row of a table with one column per run. */
    private static String runHeader(Comparison c, String first) {
        StringBuilder out = new StringBuilder("<thead><tr><th>").append(esc(first)).append("</th>");
        for (int i = 0; i < c.runs.size(); i++) {
            out.append("<th class=\"run\">").append(link(ModelPage.path(c.runs.get(i).record()), c.labels.get(i))).append("</th>");
        }
        return out.append("</tr></thead>\n").toString();
    }

    private static String runsSection(Comparison c) {
        StringBuilder out = new StringBuilder("<section id=\"compared\">\n<table class=\"list\" id=\"compared-runs\">\n")
                .append("<thead><tr><th>Run</th><th>Kind</th><th>Status</th><th>Created</th><th>Id</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < c.runs.size(); i++) {
            ModelRecord m = c.runs.get(i).record();
            out.append("<tr><td>").append(link(ModelPage.path(m), c.labels.get(i))).append("</td><td>")
                    .append(m.isReport() ? "test report" : "model").append("</td><td>").append(ModelPage.status(m).replace(" id=\"status\"", ""))
                    .append("</td><td>").append(esc(ModelPage.time(m.created()))).append("</td><td><code>").append(esc(m.id())).append("</code></td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n</section>\n").toString();
    }

    private static String metricsSection(Comparison c) {
        StringBuilder out = new StringBuilder("<section id=\"metrics\">\n<h2>Output metrics</h2>\n");
        for (int i = 0; i < c.runs.size(); i++) {
            if (c.runs.get(i).outputProblem() != null) {
                out.append(ModelPage.problem(c.labels.get(i) + ": " + c.runs.get(i).outputProblem()));
            }
        }
        if (c.metrics.isEmpty()) {
            out.append(ModelPage.note("None of these runs has output metrics (artifacts/output.json)."));
        } else {
            out.append(metricTable(c, "metrics-table", c.metrics));
        }
        if (!c.lastValues.isEmpty()) {
            out.append("<h3>Last training values</h3>\n").append(metricTable(c, "last-values-table", c.lastValues));
        }
        out.append(ModelPage.note("Best of each row in bold green: lower is better (↓) for names with a word like loss, error, mse or mae;"
                + " higher is better (↑) for names with a word like accuracy, precision, recall, f1, auc or iou; other metrics are not marked."));
        return out.append("</section>\n").toString();
    }

    private static String metricTable(Comparison c, String id, List<Comparison.MetricRow> rows) {
        StringBuilder out = new StringBuilder("<table class=\"compare\" id=\"").append(id).append("\">\n").append(runHeader(c, "Metric")).append("<tbody>\n");
        for (Comparison.MetricRow row : rows) {
            out.append("<tr data-metric=\"").append(esc(row.name())).append("\"><th>").append(esc(row.name()));
            if (row.direction() != MetricDirection.UNKNOWN) {
                out.append(" <span class=\"better\" title=\"").append(row.direction() == MetricDirection.LOWER ? "lower is better" : "higher is better")
                        .append("\">").append(row.direction().arrow()).append("</span>");
            }
            out.append("</th>");
            for (int i = 0; i < row.values().size(); i++) {
                Object v = row.values().get(i);
                boolean best = row.best().contains(i);
                out.append("<td class=\"").append(v instanceof Number ? "num" : "text").append(best ? " best" : "").append("\">")
                        .append(v == null ? "—" : esc(IndexPage.format(v))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    private static String settingsSection(Comparison c) {
        StringBuilder out = new StringBuilder("<section id=\"settings\">\n<h2>Settings that differ</h2>\n");
        if (c.settings.isEmpty()) {
            out.append(ModelPage.note(c.equalSettings == 0 ? "None of these runs has settings." : "All " + c.equalSettings + " settings are equal."));
        } else {
            out.append("<table class=\"compare\" id=\"settings-table\">\n").append(runHeader(c, "Setting")).append("<tbody>\n");
            for (Comparison.SettingRow row : c.settings) {
                out.append("<tr><th><code>").append(esc(row.path())).append("</code></th>");
                for (String v : row.values()) {
                    out.append(v == null ? "<td class=\"missing\">—</td>" : "<td><code>" + esc(v) + "</code></td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody>\n</table>\n");
            out.append(ModelPage.note(c.equalSettings + (c.equalSettings == 1 ? " other setting is" : " other settings are")
                    + " equal in all runs; — where a run has no such setting."));
        }
        return out.append("</section>\n").toString();
    }

    private static String datasetsSection(Comparison c) {
        StringBuilder out = new StringBuilder("<section id=\"datasets\">\n<h2>Datasets</h2>\n");
        if (c.datasets.isEmpty()) {
            return out.append(ModelPage.note("None of these runs names a dataset.")).append("</section>\n").toString();
        }
        out.append("<table class=\"compare\" id=\"datasets-table\">\n").append(runHeader(c, "Dataset")).append("<tbody>\n");
        for (Comparison.DatasetRow row : c.datasets) {
            out.append("<tr><th>").append(link("/data/" + row.id(), row.name() == null ? row.id() + " (deleted)" : row.name())).append("</th>");
            for (boolean used : row.used()) {
                out.append(used ? "<td class=\"used\">✓</td>" : "<td class=\"missing\"></td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n</section>\n").toString();
    }
}
