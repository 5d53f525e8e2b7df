package ai.brevetti.localplatform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of the index's runs ({@link RunQuery#apply}): how many there are, how many passed the filters,
 * the page, the metric columns and the rows; {@link #json} is the answer of {@code /api/runs}.
 *
 * @param query the query it answers
 * @param total every run on the platform
 * @param matched the runs that pass the filters
 * @param page the page shown (the last one when the query asked for one beyond it)
 * @param pages how many pages the matched runs fill
 * @param columns the metric columns
 * @param metrics the metric names of the matched runs, most common first (at most 50): the columns one may choose
 * @param statusCounts runs per status among those of the text and kind filters ({@code all} first)
 * @param rows the runs of the page, in order
 * @param names every run's name by id (for a test report's model)
 * @param datasets every dataset by id
 */
record RunTable(RunQuery query, int total, int matched, int page, int pages, List<String> columns, List<String> metrics,
                Map<String, Integer> statusCounts, List<RunSummary> rows, Map<String, String> names,
                Map<String, DatasetRecord> datasets) {

    /** The first run's number on this page, from 1 (0 when there is none). */
    int first() {
        return rows.isEmpty() ? 0 : (page - 1) * query.size() + 1;
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("matched", matched);
        out.put("page", page);
        out.put("pages", pages);
        out.put("size", query.size());
        out.put("sort", query.sort());
        out.put("order", query.descending() ? "desc" : "asc");
        out.put("columns", columns);
        out.put("metrics", metrics);
        out.put("statusCounts", statusCounts);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunSummary r : rows) {
            runs.add(row(r));
        }
        out.put("runs", runs);
        return out;
    }

    private Map<String, Object> row(RunSummary r) {
        ModelRecord m = r.record();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("name", m.name());
        row.put("kind", r.kind());
        row.put("status", m.status());
        row.put("created", m.created());
        row.put("url", ModelPage.path(m));
        row.put("failure", "failed".equals(m.status()) && m.failure() != null ? m.failure().lines().findFirst().orElse("") : null);
        List<Map<String, Object>> ds = new ArrayList<>();
        for (String id : m.datasetIds()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", id);
            d.put("name", datasets.containsKey(id) ? datasets.get(id).name() : null);
            ds.add(d);
        }
        row.put("datasets", ds);
        if (m.parentId() != null) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("id", m.parentId());
            model.put("name", names.get(m.parentId()));
            row.put("model", model);
        } else {
            row.put("model", null);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String c : columns) {
            Object v = r.metrics().get(c);
            values.put(c, v instanceof Number && OutputMetrics.number(v) == null ? String.valueOf(v) : v);
        }
        row.put("metrics", values);
        row.put("outputProblem", r.outputProblem());
        return row;
    }
}
