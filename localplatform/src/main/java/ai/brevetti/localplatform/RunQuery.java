package ai.brevetti.localplatform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the index shows of the runs: a text filter (name, id, tested model, dataset names and ids), a status
 * and a kind filter, the sort column and order, the page, and the metric columns (explicit, or the
 * {@value #DEFAULT_COLUMNS} metrics most runs that pass the filters have). Read from the query string of
 * {@code /} and {@code /api/runs}; a bad value is a 400 that names the parameter and what it takes.
 *
 * @param text case-insensitive text every shown run contains, "" for all
 * @param status {@code all} or one status ({@code created}, {@code running}, {@code completed}, {@code failed})
 * @param kind {@code all}, {@code model} or {@code report}
 * @param sort {@code name}, {@code kind}, {@code status}, {@code created}, {@code datasets}, {@code model} or {@code metric:<name>}
 * @param descending sort order
 * @param page the page, from 1
 * @param size runs per page
 * @param metrics the metric columns asked for; empty: the most common ones
 */
record RunQuery(String text, String status, String kind, String sort, boolean descending, int page, int size, List<String> metrics) {
    static final List<String> STATUSES = List.of("all", "created", "running", "completed", "failed");
    static final List<String> KINDS = List.of("all", "model", "report");
    static final List<String> SORTS = List.of("name", "kind", "status", "created", "datasets", "model");
    static final List<Integer> SIZES = List.of(25, 50, 100, 200, 500);
    static final int DEFAULT_SIZE = 50;
    static final int DEFAULT_COLUMNS = 6;
    /** The most metric columns a query may ask for. */
    static final int MAX_COLUMNS = 20;
    static final String METRIC = "metric:";

    static RunQuery defaults() {
        return new RunQuery("", "all", "all", "created", true, 1, DEFAULT_SIZE, List.of());
    }

    /** The query of a request's parameters ({@code q, status, kind, sort, order, page, size, metric} (repeated or comma-separated)). */
    static RunQuery of(Map<String, List<String>> params) {
        String text = one(params, "q", "").strip();
        String status = choice(params, "status", STATUSES);
        String kind = choice(params, "kind", KINDS);
        String sort = one(params, "sort", "created");
        if (!SORTS.contains(sort) && !(sort.startsWith(METRIC) && sort.length() > METRIC.length())) {
            throw new PlatformError(400, "?sort= takes one of " + String.join(", ", SORTS) + " or metric:<name> (got '" + printable(sort) + "')");
        }
        String order = one(params, "order", "created".equals(sort) ? "desc" : "asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new PlatformError(400, "?order= takes asc or desc (got '" + printable(order) + "')");
        }
        int page = number(params, "page", 1);
        if (page < 1) {
            throw new PlatformError(400, "?page= counts from 1 (got " + page + ")");
        }
        int size = number(params, "size", DEFAULT_SIZE);
        if (size < 1 || size > SIZES.get(SIZES.size() - 1)) {
            throw new PlatformError(400, "?size= takes 1 to " + SIZES.get(SIZES.size() - 1) + " runs per page (got " + size + ")");
        }
        Set<String> metrics = new LinkedHashSet<>();
        for (String value : params.getOrDefault("metric", List.of())) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    metrics.add(name.strip());
                }
            }
        }
        if (metrics.size() > MAX_COLUMNS) {
            throw new PlatformError(400, "?metric= names at most " + MAX_COLUMNS + " metric columns (got " + metrics.size() + ")");
        }
        return new RunQuery(text, status, kind, sort, order.equals("desc"), page, size, List.copyOf(metrics));
    }

    private static String one(Map<String, List<String>> params, String name, String otherwise) {
        List<String> values = params.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isBlank() ? otherwise : values.get(0);
    }

    private static String choice(Map<String, List<String>> params, String name, List<String> allowed) {
        String value = one(params, name, "all").toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new PlatformError(400, "?" + name + "= takes one of " + String.join(", ", allowed) + " (got '" + printable(value) + "')");
        }
        return value;
    }

    private static int number(Map<String, List<String>> params, String name, int otherwise) {
        String value = one(params, name, String.valueOf(otherwise));
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new PlatformError(400, "?" + name + "= must be a whole number (got '" + printable(value) + "')");
        }
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^ -~]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }

    /** The same query with other values (for the links of the page). */
    RunQuery with(String newSort, boolean newDescending, int newPage) {
        return new RunQuery(text, status, kind, newSort, newDescending, newPage, size, metrics);
    }

    /** The query string that asks for this query; parameters at their defaults are left out. */
    String queryString() {
        Map<String, String> params = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            params.put("q", text);
        }
        if (!status.equals("all")) {
            params.put("status", status);
        }
        if (!kind.equals("all")) {
            params.put("kind", kind);
        }
        if (!sort.equals("created") || !descending) {
            params.put("sort", sort);
            params.put("order", descending ? "desc" : "asc");
        }
        if (size != DEFAULT_SIZE) {
            params.put("size", String.valueOf(size));
        }
        if (!metrics.isEmpty()) {
            params.put("metric", String.join(",", metrics));
        }
        if (page != 1) {
            params.put("page", String.valueOf(page));
        }
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() == 0 ? "?" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        return out.toString();
    }

    // ---- applying it

    /** The runs of this query: filtered, sorted, one page of them, with the metric columns. */
    RunTable apply(List<RunSummary> all, Map<String, DatasetRecord> datasets) {
        Map<String, String> names = new java.util.HashMap<>();
        all.forEach(r -> names.put(r.id(), r.record().name()));
        String needle = text.toLowerCase(Locale.ROOT);
        List<RunSummary> ofKindAndText = all.stream()
                .filter(r -> kind.equals("all") || kind.equals(r.kind()))
                .filter(r -> needle.isEmpty() || matches(r, needle, names, datasets))
                .toList();
        Map<String, Integer> statusCounts = new LinkedHashMap<>();
        STATUSES.forEach(s -> statusCounts.put(s, 0));
        for (RunSummary r : ofKindAndText) {
            statusCounts.merge("all", 1, Integer::sum);
            statusCounts.merge(r.record().status(), 1, Integer::sum);
        }
        List<RunSummary> matched = new ArrayList<>(ofKindAndText.stream()
                .filter(r -> status.equals("all") || status.equals(r.record().status())).toList());
        List<String> columns = metrics.isEmpty() ? commonMetrics(matched, DEFAULT_COLUMNS) : metrics;
        matched.sort(comparator(names, datasets));
        int pages = Math.max(1, (matched.size() + size - 1) / size);
        int shownPage = Math.min(page, pages);
        int from = (shownPage - 1) * size;
        List<RunSummary> rows = matched.subList(Math.min(from, matched.size()), Math.min(from + size, matched.size()));
        return new RunTable(this, all.size(), matched.size(), shownPage, pages, columns, commonMetrics(matched, 50),
                statusCounts, List.copyOf(rows), names, datasets);
    }

    private static boolean matches(RunSummary r, String needle, Map<String, String> names, Map<String, DatasetRecord> datasets) {
        ModelRecord m = r.record();
        if (contains(m.name(), needle) || contains(m.id(), needle)
                || m.parentId() != null && (contains(m.parentId(), needle) || contains(names.get(m.parentId()), needle))) {
            return true;
        }
        for (String id : m.datasetIds()) {
            DatasetRecord d = datasets.get(id);
            if (contains(id, needle) || d != null && contains(d.name(), needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The metric names most of {@code runs} have (ties: alphabetical), at most {@code limit}. */
    static List<String> commonMetrics(List<RunSummary> runs, int limit) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (RunSummary r : runs) {
            r.metrics().keySet().forEach(name -> counts.merge(name, 1, Integer::sum));
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** The sort order; runs without a value (no metric, no tested model) come last in either order; ties: newest first, then id. */
    private Comparator<RunSummary> comparator(Map<String, String> names, Map<String, DatasetRecord> datasets) {
        Comparator<RunSummary> tie = Comparator.comparing((RunSummary r) -> r.record().created(), Comparator.nullsLast(Comparator.<String>reverseOrder()))
                .thenComparing(RunSummary::id);
        Comparator<String> text = Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());
        return switch (sort) {
            case "name" -> byValue(r -> r.record().name(), text, tie);
            case "kind" -> byValue(RunSummary::kind, text, tie);
            case "status" -> byValue(r -> r.record().status(), text, tie);
            case "created" -> byValue(r -> r.record().created(), Comparator.<String>naturalOrder(), tie);
            case "datasets" -> byValue(r -> datasetText(r, datasets), text, tie);
            case "model" -> byValue(r -> r.record().parentId() == null ? null : names.getOrDefault(r.record().parentId(), r.record().parentId()), text, tie);
            default -> byValue(r -> sortable(r.metrics().get(sort.substring(METRIC.length()))), RunQuery::compareValues, tie);
        };
    }

    private <T> Comparator<RunSummary> byValue(java.util.function.Function<RunSummary, T> value, Comparator<T> order, Comparator<RunSummary> tie) {
        Comparator<T> directed = descending ? order.reversed() : order;
        return (a, b) -> {
            T va = value.apply(a);
            T vb = value.apply(b);
            if (va == null || vb == null) {
                int missing = Boolean.compare(va == null, vb == null);
                return missing != 0 ? missing : tie.compare(a, b);
            }
            int c = directed.compare(va, vb);
            return c != 0 ? c : tie.compare(a, b);
        };
    }

    /** A metric's value for sorting: NaN and infinities count as missing (they come last). */
    private static Object sortable(Object value) {
        return value instanceof Number && OutputMetrics.number(value) == null ? null : value;
    }

    /** Finite numbers before other values (NaN, text, booleans), numbers by value, the rest by text. */
    static int compareValues(Object a, Object b) {
        Double x = OutputMetrics.number(a);
        Double y = OutputMetrics.number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    static String datasetText(RunSummary r, Map<String, DatasetRecord> datasets) {
        if (r.record().datasetIds().isEmpty()) {
            return null;
        }
        return String.join(", ", r.record().datasetIds().stream().map(id -> datasets.containsKey(id) ? datasets.get(id).name() : id).toList());
    }
}
