package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The platform's front page ({@code /}): the runs (models and test reports) as one table with their key
 * output metrics as columns, status, datasets and creation time; sorted by any column, filtered by text,
 * status and kind, one page at a time ({@link RunQuery}); a selection of 2 to
 * {@value ComparePage#MAX_RUNS} of them opens the comparison page. Then the datasets. Plain links and
 * forms: it works without its script, which only keeps the selection across pages.
 */
final class IndexPage {
    static final String[] SCRIPTS = {"/static/index-page.js"};

    private final RunIndex runs;
    private final S3Server s3;

    IndexPage(RunIndex runs, S3Server s3) {
        this.runs = runs;
        this.s3 = s3;
    }

    /** The runs of a query (what the page shows, and {@code /api/runs} answers). */
    RunTable table(RunQuery query) {
        return query.apply(runs.all(), runs.datasets());
    }

    String render(String hostName, RunQuery query) {
        RunTable table = table(query);
        StringBuilder body = new StringBuilder("<h1>Local platform</h1>\n<p class=\"meta\">")
                .append(esc(hostName)).append(" · data in <code>s3://").append(esc(s3.bucket())).append("</code> at <code>")
                .append(esc(s3.endpoint())).append("</code></p>\n");
        body.append("<section id=\"runs\">\n<h2>Models and test reports</h2>\n");
        if (table.total() == 0) {
            body.append(ModelPage.note("No models yet (bin/brevettiai model create --name NAME --dataset ID, or PlatformApi.createModel)."));
        } else {
            body.append(filters(table));
            body.append(runsTable(table));
            body.append(pager(table));
        }
        body.append("</section>\n");
        body.append(datasets(table.datasets()));
        return Html.page("Local platform", body.toString(), SCRIPTS);
    }

    private static String filters(RunTable t) {
        RunQuery q = t.query();
        StringBuilder out = new StringBuilder("<form id=\"filters\" class=\"filters\" method=\"get\" action=\"/\">\n");
        out.append("<input type=\"search\" id=\"filter-text\" name=\"q\" value=\"").append(esc(q.text()))
                .append("\" placeholder=\"Name, id, model or dataset\" aria-label=\"Filter by text\">\n");
        out.append("<select id=\"filter-status\" name=\"status\" aria-label=\"Status\">");
        for (String s : RunQuery.STATUSES) {
            out.append("<option value=\"").append(s).append('"').append(s.equals(q.status()) ? " selected" : "").append('>')
                    .append(s.equals("all") ? "any status" : s).append(" (").append(t.statusCounts().getOrDefault(s, 0)).append(")</option>");
        }
        out.append("</select>\n<select id=\"filter-kind\" name=\"kind\" aria-label=\"Kind\">");
        for (String k : RunQuery.KINDS) {
            out.append("<option value=\"").append(k).append('"').append(k.equals(q.kind()) ? " selected" : "").append('>')
                    .append(switch (k) { case "model" -> "models"; case "report" -> "test reports"; default -> "models and test reports"; })
                    .append("</option>");
        }
        out.append("</select>\n<select id=\"filter-size\" name=\"size\" aria-label=\"Runs per page\">");
        java.util.SortedSet<Integer> sizes = new java.util.TreeSet<>(RunQuery.SIZES);
        sizes.add(q.size());
        for (int s : sizes) {
            out.append("<option value=\"").append(s).append('"').append(s == q.size() ? " selected" : "").append('>').append(s).append(" per page</option>");
        }
        out.append("</select>\n");
        if (!q.sort().equals("created") || !q.descending()) {
            out.append("<input type=\"hidden\" name=\"sort\" value=\"").append(esc(q.sort())).append("\">")
                    .append("<input type=\"hidden\" name=\"order\" value=\"").append(q.descending() ? "desc" : "asc").append("\">\n");
        }
        out.append("<button type=\"submit\">Filter</button>\n");
        if (!t.metrics().isEmpty()) {
            out.append("<details id=\"metric-columns\"><summary>Metric columns</summary>\n<p class=\"note\">Shown: the ")
                    .append(RunQuery.DEFAULT_COLUMNS).append(" metrics most of the listed runs have, unless you pick others.</p>\n");
            for (String m : t.metrics()) {
                out.append("<label><input type=\"checkbox\" name=\"metric\" value=\"").append(esc(m)).append('"')
                        .append(!q.metrics().isEmpty() && q.metrics().contains(m) ? " checked" : "").append("> ").append(esc(m)).append("</label>\n");
            }
            out.append("</details>\n");
        }
        return out.append("</form>\n").toString();
    }

    private static String runsTable(RunTable t) {
        StringBuilder out = new StringBuilder();
        out.append("<form id=\"compare-form\" method=\"get\" action=\"/compare\">\n<p class=\"selection\">")
                .append("<button type=\"submit\" id=\"compare-button\">Compare selected</button> <span id=\"selection-note\" class=\"note\">")
                .append("Select 2 to ").append(ComparePage.MAX_RUNS).append(" runs to compare them.</span> ")
                .append("<button type=\"button\" id=\"clear-selection\" hidden>Clear selection</button></p>\n");
        if (t.rows().isEmpty()) {
            out.append(ModelPage.note("No run matches these filters (" + t.total() + " in all)."));
            return out.append("</form>\n").toString();
        }
        out.append("<div class=\"scroll\"><table class=\"list runs\" id=\"runs-table\">\n<thead><tr><th class=\"select\"></th>");
        header(out, t, "name", "Name");
        header(out, t, "kind", "Kind");
        header(out, t, "status", "Status");
        for (String c : t.columns()) {
            header(out, t, RunQuery.METRIC + c, c);
        }
        header(out, t, "datasets", "Datasets");
        header(out, t, "model", "Tested model");
        header(out, t, "created", "Created");
        out.append("</tr></thead>\n<tbody>\n");
        for (RunSummary r : t.rows()) {
            ModelRecord m = r.record();
            out.append("<tr data-id=\"").append(esc(m.id())).append("\" data-kind=\"").append(r.kind()).append("\">")
                    .append("<td class=\"select\"><input type=\"checkbox\" name=\"ids\" value=\"").append(esc(m.id()))
                    .append("\" aria-label=\"Select ").append(esc(m.name())).append("\"></td>")
                    .append("<td class=\"name\">").append(link(ModelPage.path(m), m.name()))
                    .append(r.outputProblem() == null ? "" : " <span class=\"problem output-problem\" title=\"" + esc(r.outputProblem()) + "\">(bad output.json)</span>")
                    .append("</td><td>")
                    .append(m.isReport() ? "test report" : "model").append("</td><td>")
                    .append(ModelPage.status(m).replace(" id=\"status\"", "")).append("</td>");
            for (String c : t.columns()) {
                Object v = r.metrics().get(c);
                out.append("<td class=\"").append(v instanceof Number ? "num" : "text").append("\" data-metric=\"").append(esc(c)).append("\">")
                        .append(esc(format(v))).append("</td>");
            }
            out.append("<td>");
            List<String> ids = m.datasetIds();
            for (int i = 0; i < Math.min(ids.size(), 3); i++) {
                String id = ids.get(i);
                DatasetRecord d = t.datasets().get(id);
                out.append(i == 0 ? "" : ", ").append(link("/data/" + id, d == null ? id : d.name()));
            }
            if (ids.size() > 3) {
                out.append(" and ").append(ids.size() - 3).append(" more");
            }
            out.append("</td><td>");
            if (m.parentId() != null) {
                out.append(link("/models/" + m.parentId(), t.names().getOrDefault(m.parentId(), m.parentId())));
            }
            out.append("</td><td class=\"time\">").append(esc(ModelPage.time(m.created()))).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</form>\n");
        return out.toString();
    }

    /** A column header: a link sorting by it (ascending first; the created time and metrics as the page shows them). */
    private static void header(StringBuilder out, RunTable t, String sort, String label) {
        RunQuery q = t.query();
        boolean current = q.sort().equals(sort);
        boolean nextDescending = current ? !q.descending() : sort.equals("created");
        out.append("<th").append(current ? " class=\"sorted\" aria-sort=\"" + (q.descending() ? "descending" : "ascending") + "\"" : "")
                .append(" data-sort=\"").append(esc(sort)).append("\"><a href=\"/").append(esc(q.with(sort, nextDescending, 1).queryString()))
                .append("\">").append(esc(label)).append(current ? (q.descending() ? " ▼" : " ▲") : "").append("</a></th>");
    }

    private static String pager(RunTable t) {
        RunQuery q = t.query();
        StringBuilder out = new StringBuilder("<nav class=\"pages\" id=\"pages\">");
        if (t.page() > 1) {
            out.append(link("/" + q.with(q.sort(), q.descending(), 1).queryString(), "« first")).append(' ')
                    .append("<a rel=\"prev\" id=\"prev-page\" href=\"/").append(esc(q.with(q.sort(), q.descending(), t.page() - 1).queryString()))
                    .append("\">‹ previous</a> ");
        }
        out.append("<span id=\"page-note\">");
        if (t.matched() == 0) {
            out.append("0 of ").append(t.total()).append(" runs");
        } else {
            out.append(t.first()).append('–').append(t.first() + t.rows().size() - 1).append(" of ").append(t.matched())
                    .append(t.matched() == t.total() ? " runs" : " matching runs (" + t.total() + " in all)")
                    .append(" · page ").append(t.page()).append(" of ").append(t.pages());
        }
        out.append("</span>");
        if (t.page() < t.pages()) {
            out.append(" <a rel=\"next\" id=\"next-page\" href=\"/").append(esc(q.with(q.sort(), q.descending(), t.page() + 1).queryString()))
                    .append("\">next ›</a> ").append(link("/" + q.with(q.sort(), q.descending(), t.pages()).queryString(), "last »"));
        }
        return out.append("</nav>\n").toString();
    }

    /** A metric's value as the table shows it: numbers as written (up to 6 significant digits when longer). */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && Double.isFinite(d) && String.valueOf(d).length() > 9) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static String datasets(Map<String, DatasetRecord> all) {
        List<DatasetRecord> datasets = all.values().stream()
                .sorted(Comparator.comparing(DatasetRecord::created, Comparator.nullsLast(Comparator.<String>reverseOrder()))).toList();
        StringBuilder body = new StringBuilder("<section id=\"datasets\">\n<h2>Datasets</h2>\n");
        if (datasets.isEmpty()) {
            body.append(ModelPage.note("No datasets yet (bin/brevettiai dataset create --name NAME --folder FOLDER, or PlatformApi.createDataset)."));
        } else {
            body.append("<table class=\"list\">\n<thead><tr><th>Name</th><th>Id</th><th>Created</th></tr></thead>\n<tbody>\n");
            for (DatasetRecord d : datasets) {
                body.append("<tr><td>").append(link("/data/" + d.id(), d.name())).append("</td><td><code>").append(esc(d.id()))
                        .append("</code></td><td>").append(esc(ModelPage.time(d.created()))).append("</td></tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }
        return body.append("</section>\n").toString();
    }
}
