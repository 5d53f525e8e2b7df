package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import ai.brevetti.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The page of a model or a test report ({@code /models/{id}}, {@code /reports/{id}}; its artifacts are
 * {@link ArtifactsPage}'s): what the job reported, read from the platform's records and the job folder's artifacts in the
 * formats of spec §7. The training progress and the charts are drawn in the browser by
 * {@code /static/model-page.js} with the bundled vega-embed; everything else is plain HTML.
 */
final class ModelPage {
    /** How often the page asks for new training-progress points. */
    static final int POLL_MILLIS = 1000;
    /** The most pivot rows and facets tiles a page shows. */
    static final int MAX_PIVOT_ROWS = 500;
    static final int MAX_FACETS = 4096;
    static final int TILE = 64;

    private final PlatformStore store;
    private final S3Server s3;

    ModelPage(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
    }

    static String path(ModelRecord m) {
        return (m.isReport() ? "/reports/" : "/models/") + m.id();
    }

    static String kind(ModelRecord m) {
        return m.isReport() ? "Test report" : "Model";
    }

    static String time(String iso) {
        return iso == null ? "—" : iso.replaceFirst("\\.\\d+Z$", "Z").replace('T', ' ');
    }

    static String status(ModelRecord m) {
        String title = m.failure() == null || m.completed() != null ? ""
                : " title=\"" + esc(m.failure().lines().findFirst().orElse("")) + "\"";
        return "<span class=\"status status-" + m.status() + "\" id=\"status\"" + title + ">" + m.status() + "</span>";
    }

    // ---- the model page

    String render(ModelRecord m) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(esc(m.name())).append("</h1>\n<p class=\"meta\">").append(kind(m)).append(" <code>")
                .append(esc(m.id())).append("</code>");
        if (m.isReport()) {
            String parentName = store.model(m.parentId()).map(ModelRecord::name).orElse(m.parentId());
            body.append(" · testing ").append(link("/models/" + m.parentId(), parentName));
        }
        body.append("</p>\n");
        body.append(statusSection(m));
        body.append(settingsSection(m));
        body.append(metricsSection(m));
        body.append(confusionSection(m));
        Map<String, String> charts = store.charts(m.id());
        if (!m.isReport() || !store.monitor(m.id()).isEmpty()) {
            body.append("<section id=\"progress-section\">\n<h2>Training progress</h2>\n")
                    .append("<div id=\"progress\" class=\"vega\" data-points=\"0\"></div>\n")
                    .append("<p id=\"progress-note\" class=\"note\">Waiting for the first point…</p>\n</section>\n");
        }
        body.append(chartsSection(charts));
        body.append(pivotSection(m));
        body.append(facetsSection(m));
        body.append(reportsSection(m));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("modelId", m.id());
        data.put("status", m.status());
        data.put("pointsUrl", "/api/models/" + m.id() + "/remotemonitor/points");
        data.put("pollMillis", POLL_MILLIS);
        List<Map<String, Object>> specs = new ArrayList<>();
        charts.forEach((name, json) -> {
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("name", name);
            try {
                chart.put("spec", Json.parse(json));
            } catch (Exception e) {
                chart.put("error", "the stored chart is not valid JSON: " + e.getMessage());
            }
            specs.add(chart);
        });
        data.put("charts", specs);
        body.append("<script type=\"application/json\" id=\"page-data\">").append(Html.json(data)).append("</script>\n");
        return Html.page(m.name(), body.toString(), PlatformPages.VEGA_SCRIPTS);
    }

    private String statusSection(ModelRecord m) {
        StringBuilder out = new StringBuilder("<section id=\"status-section\">\n<table class=\"facts\">\n");
        out.append("<tr><th>Status</th><td>").append(status(m)).append("</td></tr>\n");
        out.append("<tr><th>Created</th><td>").append(esc(time(m.created()))).append("</td></tr>\n");
        out.append("<tr><th>Started</th><td>").append(esc(time(m.started()))).append("</td></tr>\n");
        out.append("<tr><th>Completed</th><td>").append(esc(time(m.completed()))).append("</td></tr>\n");
        // shown when the job failed; the page's script fills it in when the failure arrives while it is open
        boolean failed = "failed".equals(m.status());
        out.append("<tr id=\"failure-row\"").append(failed ? "" : " hidden").append("><th>Failed</th><td><span id=\"failed-time\">")
                .append(esc(failed ? time(m.failed()) : "")).append("</span><pre id=\"failure\" class=\"failure\">")
                .append(esc(failed ? m.failure() : "")).append("</pre></td></tr>\n");
        if (m.completed() != null) {
            out.append("<tr><th>Model archive</th><td>").append(m.modelPath() == null ? "none (completed without a model)"
                    : "<a id=\"archive\" href=\"" + esc(Html.download(m.id() + "/" + m.modelPath())) + "\">" + esc(m.modelPath()) + "</a>")
                    .append("</td></tr>\n");
        }
        List<S3Object> artifacts = s3.list(m.id() + "/artifacts/");
        out.append("<tr><th>Artifacts</th><td><a id=\"artifacts-link\" href=\"").append(esc(path(m))).append("/artifacts\">")
                .append(artifacts.size()).append(artifacts.size() == 1 ? " file" : " files").append("</a></td></tr>\n");
        out.append("<tr><th>Datasets</th><td>");
        if (m.datasetIds().isEmpty()) {
            out.append("none");
        }
        for (int i = 0; i < m.datasetIds().size(); i++) {
            String id = m.datasetIds().get(i);
            out.append(i == 0 ? "" : ", ").append(link("/data/" + id, store.dataset(id).map(DatasetRecord::name).orElse(id)));
        }
        out.append("</td></tr>\n</table>\n</section>\n");
        return out.toString();
    }

    private String settingsSection(ModelRecord m) {
        String settings = m.settings() == null ? "{}" : m.settings();
        try {
            settings = Json.writePretty(Json.parse(settings));
        } catch (Exception e) {
            // shown as stored
        }
        return "<section id=\"settings\">\n<h2>Settings</h2>\n<pre class=\"json\">" + esc(settings) + "</pre>\n</section>\n";
    }

    private String metricsSection(ModelRecord m) {
        StringBuilder out = new StringBuilder("<section id=\"metrics\">\n<h2>Output metrics</h2>\n");
        Object document;
        try {
            document = readJson(m.id() + "/artifacts/output.json");
        } catch (IllegalArgumentException e) {
            return out.append(problem(e.getMessage())).append("</section>\n").toString();
        }
        Object output = document instanceof Map<?, ?> map ? map.get("output") : null;
        if (output instanceof Map<?, ?> metrics && !metrics.isEmpty()) {
            out.append("<table class=\"metrics\">\n");
            metrics.forEach((key, value) -> out.append("<tr><th>").append(esc(key)).append("</th><td>")
                    .append(value instanceof Map || value instanceof List ? "<code>" + esc(Json.write(value)) + "</code>" : esc(value))
                    .append("</td></tr>\n"));
            out.append("</table>\n");
        } else {
            out.append(note(document == null ? "No artifacts/output.json yet." : "No output metrics in artifacts/output.json."));
        }
        if (document instanceof Map<?, ?> map && (map.get("environment") != null || map.get("config") != null)) {
            Map<String, Object> rest = new LinkedHashMap<>();
            rest.put("environment", map.get("environment"));
            rest.put("config", map.get("config"));
            out.append("<details><summary>Environment and configuration (output.json)</summary>\n<pre class=\"json\">")
                    .append(esc(Json.writePretty(rest))).append("</pre>\n</details>\n");
        }
        return out.append("</section>\n").toString();
    }

    /** A test report's confusion matrix, from its artifacts/predictions.csv (or a note on a report without one). */
    private String confusionSection(ModelRecord m) {
        byte[] predictions = s3.get(m.id() + "/artifacts/" + ConfusionMatrix.FILE).orElse(null);
        if (predictions == null && !m.isReport()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n");
        if (predictions == null) {
            return out.append(note("No artifacts/" + ConfusionMatrix.FILE + " (yet): no confusion matrix.")).append("</section>\n").toString();
        }
        try {
            out.append(ConfusionMatrix.of(new String(predictions, StandardCharsets.UTF_8)).html(this::imageLink));
        } catch (IllegalArgumentException e) {
            out.append(problem(e.getMessage()));
        }
        return out.append("</section>\n").toString();
    }

    /** The download link of a sample's image when its path is in the platform's data bucket ({@code s3://<bucket>/<key>}). */
    java.util.Optional<String> imageLink(String path) {
        String prefix = "s3://" + s3.bucket() + "/";
        if (!path.startsWith(prefix) || !PlatformRoutes.plainKey(path.substring(prefix.length()))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Html.download(path.substring(prefix.length())));
    }

    private static String chartsSection(Map<String, String> charts) {
        StringBuilder out = new StringBuilder("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            out.append(note("No charts uploaded."));
        }
        int i = 0;
        for (String name : charts.keySet()) {
            out.append("<figure class=\"chart\"><figcaption>").append(esc(name)).append("</figcaption><div class=\"vega\" id=\"chart-")
                    .append(i++).append("\"></div></figure>\n");
        }
        out.append("<p id=\"charts-note\" class=\"note\"></p>\n");
        return out.append("</section>\n").toString();
    }

    private String pivotSection(ModelRecord m) {
        StringBuilder out = new StringBuilder("<section id=\"pivot\">\n<h2>Pivot table</h2>\n");
        String dir = m.id() + "/artifacts/pivot/";
        try {
            Object fields = readJson(dir + "summary_fields.json");
            Object records = readJson(dir + "classification_summary.json");
            if (fields == null || records == null) {
                out.append(note("No pivot table (artifacts/pivot/summary_fields.json and classification_summary.json)."));
            } else {
                PivotTable table = PivotTable.of(fields, records);
                out.append(table.html(MAX_PIVOT_ROWS));
                if (!table.otherFields.isEmpty()) {
                    out.append(note("Other fields: " + String.join(", ", table.otherFields.stream().map(PivotTable.Field::label).toList()) + "."));
                }
            }
        } catch (IllegalArgumentException e) {
            out.append(problem(e.getMessage()));
        }
        return out.append("</section>\n").toString();
    }

    private String facetsSection(ModelRecord m) {
        StringBuilder out = new StringBuilder("<section id=\"facets\">\n<h2>Facets</h2>\n");
        String dir = m.id() + "/artifacts/facets/";
        Object facets;
        try {
            facets = readJson(dir + "facets.json");
        } catch (IllegalArgumentException e) {
            return out.append(problem(e.getMessage())).append("</section>\n").toString();
        }
        if (!(facets instanceof List<?> samples)) {
            return out.append(note(facets == null ? "No facets (artifacts/facets/facets.json)." : "artifacts/facets/facets.json is not a list."))
                    .append("</section>\n").toString();
        }
        int n = samples.size();
        int columns = (int) Math.ceil(Math.sqrt(n));
        String atlas = dir + "spriteatlas.jpeg";
        boolean hasAtlas = !s3.list(atlas).isEmpty();
        Map<String, Integer> counts = new TreeMap<>();
        for (Object sample : samples) {
            counts.merge(category(sample), 1, Integer::sum);
        }
        List<String> summary = new ArrayList<>();
        counts.forEach((category, count) -> summary.add(category + " (" + count + ")"));
        out.append(note(n + (n == 1 ? " sample: " : " samples: ") + String.join(", ", summary)
                + (hasAtlas ? "" : ". No spriteatlas.jpeg: no thumbnails.")));
        if (hasAtlas) {
            out.append("<style>#facets .tile{background-image:url(\"").append(esc(Html.download(atlas))).append("\")}</style>\n");
        }
        out.append("<div class=\"facets\" data-columns=\"").append(columns).append("\">\n");
        for (int i = 0; i < Math.min(n, MAX_FACETS); i++) {
            Object sample = samples.get(i);
            String category = category(sample);
            out.append("<figure class=\"facet\" data-category=\"").append(esc(category)).append("\" title=\"").append(esc(describe(sample)))
                    .append("\"><div class=\"tile\" style=\"background-position:-").append(i % columns * TILE).append("px -")
                    .append(i / columns * TILE).append("px\"></div><figcaption>").append(esc(category)).append("</figcaption></figure>\n");
        }
        out.append("</div>\n");
        if (n > MAX_FACETS) {
            out.append(note("… and " + (n - MAX_FACETS) + " more samples."));
        }
        return out.append("</section>\n").toString();
    }

    /** A facets sample's category: its {@code category} value, tuples joined with "/". */
    static String category(Object sample) {
        return sample instanceof Map<?, ?> map ? PivotTable.text(map.get("category")) : "(none)";
    }

    /** The tooltip of a facets tile: its scalar fields, one per line. */
    private static String describe(Object sample) {
        if (!(sample instanceof Map<?, ?> map)) {
            return String.valueOf(sample);
        }
        StringBuilder out = new StringBuilder();
        map.forEach((key, value) -> {
            if (!(value instanceof Map) && !(value instanceof List<?> l && l.size() > 8)) {
                String text = PivotTable.text(value);
                out.append(key).append(": ").append(text.length() > 120 ? text.substring(0, 120) + "…" : text).append('\n');
            }
        });
        return out.toString().strip();
    }

    private String reportsSection(ModelRecord m) {
        if (m.isReport()) {
            return "";
        }
        List<ModelRecord> reports = store.models().stream().filter(r -> m.id().equals(r.parentId())).toList();
        if (reports.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<section id=\"reports\">\n<h2>Test reports</h2>\n<ul>\n");
        for (ModelRecord r : reports) {
            out.append("<li>").append(link(path(r), r.name())).append(" ").append(status(r).replace(" id=\"status\"", "")).append("</li>\n");
        }
        return out.append("</ul>\n</section>\n").toString();
    }

    /** The artifacts page ({@link ArtifactsPage}), previewing {@code file} (a path within artifacts/) when given. */
    String artifacts(ModelRecord m, java.util.Optional<String> file) {
        return new ArtifactsPage(s3).render(m, file);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    // ---- helpers

    /** An artifact parsed as JSON; null when it does not exist; IllegalArgumentException naming it when it is not JSON. */
    private Object readJson(String key) {
        byte[] bytes = s3.get(key).orElse(null);
        if (bytes == null) {
            return null;
        }
        try {
            return Json.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException(key.substring(key.indexOf('/') + 1) + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static String note(String text) {
        return "<p class=\"note\">" + esc(text) + "</p>\n";
    }

    static String problem(String text) {
        return "<p class=\"problem\">" + esc(text) + "</p>\n";
    }
}
