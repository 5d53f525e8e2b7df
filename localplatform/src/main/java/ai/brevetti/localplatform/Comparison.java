package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the comparison page shows of 2 to {@value ComparePage#MAX_RUNS} runs, in the order they were asked
 * for: each run's label (its name, with the start of its id when two runs share a name), the output metrics
 * side by side with the best value of each marked ({@link MetricDirection}), the settings that differ, the
 * datasets each run used, the training curves (the remote-monitor points) per metric and each curve's last
 * value (best marked too). {@link #json} is
 * the answer of {@code /api/compare}.
 */
final class Comparison {
    /** One run's row of values of a metric, and which of them are best (ties: all of them). */
    record MetricRow(String name, MetricDirection direction, List<Object> values, List<Integer> best) {}

    /** A setting (its dotted path) that differs, with each run's value as JSON text, null where it has none. */
    record SettingRow(String path, List<String> values) {}

    /** A dataset and whether each run used it. */
    record DatasetRow(String id, String name, List<Boolean> used) {}

    final List<RunSummary> runs;
    final List<String> labels;
    final List<MetricRow> metrics;
    final List<SettingRow> settings;
    /** How many settings are equal in every run. */
    final int equalSettings;
    final List<DatasetRow> datasets;
    /** Metric name → rows {run (label), epoch, value}, in the order the metrics first appear. */
    final Map<String, List<Map<String, Object>>> curves;
    /** The labels of the runs that posted no training progress. */
    final List<String> withoutCurves;
    /** Each curve's last value per run (the value of its last point that has the metric), with the best marked. */
    final List<MetricRow> lastValues;

    Comparison(List<RunSummary> runs, Map<String, DatasetRecord> allDatasets, PlatformStore store) {
        this.runs = List.copyOf(runs);
        this.labels = labels(runs);
        this.metrics = metrics(runs);
        Map<String, List<String>> flat = new TreeMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> one = settingsOf(runs.get(i).record());
            for (Map.Entry<String, String> e : one.entrySet()) {
                flat.computeIfAbsent(e.getKey(), k -> new ArrayList<>(java.util.Collections.nCopies(runs.size(), null))).set(i, e.getValue());
            }
        }
        List<SettingRow> differ = new ArrayList<>();
        int equal = 0;
        for (Map.Entry<String, List<String>> e : flat.entrySet()) {
            if (new LinkedHashSet<>(e.getValue()).size() > 1) {
                differ.add(new SettingRow(e.getKey(), java.util.Collections.unmodifiableList(e.getValue())));
            } else {
                equal++;
            }
        }
        this.settings = List.copyOf(differ);
        this.equalSettings = equal;
        Map<String, List<Boolean>> used = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (String id : runs.get(i).record().datasetIds()) {
                used.computeIfAbsent(id, k -> new ArrayList<>(java.util.Collections.nCopies(runs.size(), false))).set(i, true);
            }
        }
        List<DatasetRow> ds = new ArrayList<>();
        used.forEach((id, flags) -> ds.add(new DatasetRow(id, allDatasets.containsKey(id) ? allDatasets.get(id).name() : null, List.copyOf(flags))));
        this.datasets = List.copyOf(ds);
        Map<String, List<Map<String, Object>>> c = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<Map<String, Object>> points = store.monitor(runs.get(i).id());
            boolean any = false;
            for (int p = 0; p < points.size(); p++) {
                Map<String, Object> point = points.get(p);
                Object epoch = OutputMetrics.number(point.get("epoch")) != null ? point.get("epoch") : p;
                for (Map.Entry<String, Object> e : point.entrySet()) {
                    Double value = OutputMetrics.number(e.getValue());
                    if (!e.getKey().equals("epoch") && value != null) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("run", labels.get(i));
                        row.put("epoch", epoch);
                        row.put("value", value);
                        c.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(row);
                        any = true;
                    }
                }
            }
            if (!any) {
                without.add(labels.get(i));
            }
        }
        this.curves = c;
        this.withoutCurves = List.copyOf(without);
        List<MetricRow> last = new ArrayList<>();
        c.forEach((metric, rows) -> {
            List<Object> values = new ArrayList<>(java.util.Collections.nCopies(runs.size(), null));
            for (Map<String, Object> row : rows) {
                values.set(labels.indexOf((String) row.get("run")), row.get("value"));
            }
            MetricDirection direction = MetricDirection.of(metric);
            last.add(new MetricRow(metric, direction, java.util.Collections.unmodifiableList(values), best(values, direction)));
        });
        this.lastValues = List.copyOf(last);
    }

    /** Names, made unique with the start of the id (then the whole id) where two runs share one. */
    private static List<String> labels(List<RunSummary> runs) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        runs.forEach(r -> counts.merge(r.record().name(), 1, Integer::sum));
        List<String> out = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        for (RunSummary r : runs) {
            String name = r.record().name();
            String label = counts.get(name) == 1 ? name : name + " (" + r.id().substring(0, Math.min(8, r.id().length())) + ")";
            if (!taken.add(label)) {
                label = name + " (" + r.id() + ")";
                taken.add(label);
            }
            out.add(label);
        }
        return List.copyOf(out);
    }

    private static List<MetricRow> metrics(List<RunSummary> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.metrics().keySet()));
        List<MetricRow> out = new ArrayList<>();
        for (String name : names) {
            List<Object> values = new ArrayList<>();
            runs.forEach(r -> values.add(r.metrics().get(name)));
            MetricDirection direction = MetricDirection.of(name);
            out.add(new MetricRow(name, direction, java.util.Collections.unmodifiableList(values), best(values, direction)));
        }
        return List.copyOf(out);
    }

    /** The indexes of the best finite numbers (lowest or highest by the direction); none when fewer than two runs have one, or all are equal. */
    static List<Integer> best(List<Object> values, MetricDirection direction) {
        if (direction == MetricDirection.UNKNOWN) {
            return List.of();
        }
        Double best = null;
        int numbers = 0;
        for (Object v : values) {
            Double d = OutputMetrics.number(v);
            if (d != null) {
                numbers++;
                best = best == null ? d : direction == MetricDirection.LOWER ? Math.min(best, d) : Math.max(best, d);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (Objects.equals(OutputMetrics.number(values.get(i)), best)) {
                out.add(i);
            }
        }
        return numbers < 2 || out.size() == numbers ? List.of() : List.copyOf(out);
    }

    /** A run's settings flattened to dotted paths → JSON text of each value (lists and scalars whole); text that is no JSON object: one entry "(settings)". */
    static Map<String, String> settingsOf(ModelRecord m) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = m.settings() == null || m.settings().isBlank() ? "{}" : m.settings();
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (Exception e) {
            out.put("(settings)", text);
            return out;
        }
        if (parsed instanceof Map<?, ?> map) {
            flatten("", map, out);
        } else {
            out.put("(settings)", Json.write(parsed));
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> inner && !inner.isEmpty()) {
                flatten(prefix + k + ".", inner, out);
            } else {
                out.put(prefix + k, Json.write(v));
            }
        });
    }

    private static List<Map<String, Object>> json(List<MetricRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MetricRow row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", row.name());
            m.put("better", switch (row.direction()) { case LOWER -> "lower"; case HIGHER -> "higher"; case UNKNOWN -> null; });
            m.put("values", row.values().stream().map(v -> v instanceof Number && OutputMetrics.number(v) == null ? String.valueOf(v) : v).toList());
            m.put("best", row.best());
            out.add(m);
        }
        return out;
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> rs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ModelRecord m = runs.get(i).record();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", m.id());
            r.put("name", m.name());
            r.put("label", labels.get(i));
            r.put("kind", runs.get(i).kind());
            r.put("status", m.status());
            r.put("created", m.created());
            r.put("url", ModelPage.path(m));
            r.put("outputProblem", runs.get(i).outputProblem());
            rs.add(r);
        }
        out.put("runs", rs);
        out.put("metrics", json(metrics));
        out.put("lastValues", json(lastValues));
        List<Map<String, Object>> ss = new ArrayList<>();
        for (SettingRow row : settings) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("path", row.path());
            s.put("values", row.values());
            ss.add(s);
        }
        out.put("settingsDiffering", ss);
        out.put("settingsEqual", equalSettings);
        List<Map<String, Object>> ds = new ArrayList<>();
        for (DatasetRow row : datasets) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", row.id());
            d.put("name", row.name());
            d.put("used", row.used());
            ds.add(d);
        }
        out.put("datasets", ds);
        out.put("curves", curves);
        out.put("withoutCurves", withoutCurves);
        return out;
    }
}
