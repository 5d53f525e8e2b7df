package ai.brevetti.localplatform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pivot table of a job's {@code artifacts/pivot/}: row fields × column fields of
 * {@code summary_fields.json}, each cell the sum of {@code count} over the records of
 * {@code classification_summary.json} with those values (spec §7.2), with row and column totals.
 */
final class PivotTable {
    /** One entry of {@code rowFields}/{@code colFields}/{@code fields}: key, label and an optional value order. */
    record Field(String key, String label, List<String> sort) {}

    final List<Field> rowFields;
    final List<Field> colFields;
    final List<Field> otherFields;
    final List<List<String>> rows;
    final List<List<String>> cols;
    private final Map<List<String>, Map<List<String>, Double>> cells = new HashMap<>();

    private PivotTable(List<Field> rowFields, List<Field> colFields, List<Field> otherFields, List<Map<String, Object>> records) {
        this.rowFields = rowFields;
        this.colFields = colFields;
        this.otherFields = otherFields;
        Set<List<String>> rowKeys = new TreeSet<>(order(rowFields));
        Set<List<String>> colKeys = new TreeSet<>(order(colFields));
        for (Map<String, Object> record : records) {
            List<String> row = values(record, rowFields);
            List<String> col = values(record, colFields);
            rowKeys.add(row);
            colKeys.add(col);
            cells.computeIfAbsent(row, k -> new HashMap<>()).merge(col, count(record), Double::sum);
        }
        this.rows = List.copyOf(rowKeys);
        this.cols = List.copyOf(colKeys);
    }

    /** The table of {@code summary_fields.json} (parsed) over {@code classification_summary.json} (parsed). */
    static PivotTable of(Object summaryFields, Object records) {
        if (!(summaryFields instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("summary_fields.json is not a JSON object");
        }
        if (!(records instanceof List<?> list)) {
            throw new IllegalArgumentException("classification_summary.json is not a JSON list");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object r : list) {
            if (!(r instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("classification_summary.json holds a non-object: " + r);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) m;
            rows.add(record);
        }
        return new PivotTable(fields(fields.get("rowFields")), fields(fields.get("colFields")), fields(fields.get("fields")), rows);
    }

    private static List<Field> fields(Object value) {
        List<Field> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m && m.get("key") != null) {
                    String key = String.valueOf(m.get("key"));
                    Object label = m.get("label");
                    List<String> sort = m.get("sort") instanceof List<?> s ? s.stream().map(PivotTable::text).toList() : List.of();
                    out.add(new Field(key, label == null ? key : String.valueOf(label), sort));
                } else if (entry instanceof String key) {
                    out.add(new Field(key, key, List.of()));
                }
            }
        }
        return out;
    }

    /** A field's value as the table shows it: lists joined by "/", null as "(none)". */
    static String text(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof List<?> list) {
            return String.join("/", list.stream().map(PivotTable::text).toList());
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    private static List<String> values(Map<String, Object> record, List<Field> fields) {
        return fields.stream().map(f -> text(record.get(f.key()))).toList();
    }

    private static double count(Map<String, Object> record) {
        Object count = record.get("count");
        if (count == null) {
            return 1;
        }
        if (count instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(count));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Value combinations in order: per field its {@code sort} list first, then alphabetically. */
    private static Comparator<List<String>> order(List<Field> fields) {
        return (a, b) -> {
            for (int i = 0; i < fields.size(); i++) {
                List<String> sort = fields.get(i).sort();
                int ia = sort.indexOf(a.get(i));
                int ib = sort.indexOf(b.get(i));
                int c = Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
                if (c == 0) {
                    c = a.get(i).compareTo(b.get(i));
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** The summed count of one cell, 0 when no record has those values. */
    double cell(List<String> row, List<String> col) {
        return cells.getOrDefault(row, Map.of()).getOrDefault(col, 0.0);
    }

    double rowTotal(List<String> row) {
        return cells.getOrDefault(row, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double colTotal(List<String> col) {
        return rows.stream().mapToDouble(r -> cell(r, col)).sum();
    }

    double total() {
        return rows.stream().mapToDouble(this::rowTotal).sum();
    }

    /** Row value combination → column value combination → summed count, for tests and the JSON view. */
    Map<String, Map<String, Double>> asMap() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (List<String> row : rows) {
            Map<String, Double> line = new LinkedHashMap<>();
            for (List<String> col : cols) {
                double v = cell(row, col);
                if (v != 0) {
                    line.put(String.join(" | ", col), v);
                }
            }
            out.put(String.join(" | ", row), line);
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    /** The table as HTML, at most {@code maxRows} body rows. */
    String html(int maxRows) {
        if (rows.isEmpty()) {
            return "<p class=\"empty\">The pivot table is empty: classification_summary.json has no records.</p>\n";
        }
        StringBuilder out = new StringBuilder("<table class=\"pivot\">\n<thead>\n");
        int rowSpan = Math.max(1, rowFields.size());
        if (colFields.isEmpty()) {
            out.append("<tr>");
            headerLabels(out);
            out.append("<th class=\"total\">Count</th></tr>\n");
        } else {
            for (int i = 0; i < colFields.size(); i++) {
                out.append("<tr><th class=\"field col-field\" colspan=\"").append(rowSpan).append("\">")
                        .append(Html.esc(colFields.get(i).label())).append("</th>");
                for (List<String> col : cols) {
                    out.append("<th class=\"col\">").append(Html.esc(col.get(i))).append("</th>");
                }
                if (i == 0) {
                    out.append("<th class=\"total\" rowspan=\"").append(colFields.size() + 1).append("\">Total</th>");
                }
                out.append("</tr>\n");
            }
            out.append("<tr>");
            headerLabels(out);
            out.append("<th colspan=\"").append(cols.size()).append("\"></th></tr>\n");
        }
        out.append("</thead>\n<tbody>\n");
        int shown = 0;
        for (List<String> row : rows) {
            if (shown++ == maxRows) {
                out.append("<tr><td class=\"more\" colspan=\"").append(rowSpan + cols.size() + 1).append("\">… ")
                        .append(rows.size() - maxRows).append(" more rows</td></tr>\n");
                break;
            }
            out.append("<tr>");
            if (row.isEmpty()) {
                out.append("<th>All</th>");
            }
            for (String value : row) {
                out.append("<th>").append(Html.esc(value)).append("</th>");
            }
            for (List<String> col : cols) {
                double v = cell(row, col);
                out.append("<td>").append(v == 0 ? "" : number(v)).append("</td>");
            }
            if (!colFields.isEmpty()) {
                out.append("<td class=\"total\">").append(number(rowTotal(row))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n<tfoot>\n<tr><th colspan=\"").append(rowSpan).append("\">Total</th>");
        if (!colFields.isEmpty()) {
            for (List<String> col : cols) {
                out.append("<td>").append(number(colTotal(col))).append("</td>");
            }
        }
        out.append("<td class=\"total\">").append(number(total())).append("</td></tr>\n</tfoot>\n</table>\n");
        return out.toString();
    }

    private void headerLabels(StringBuilder out) {
        if (rowFields.isEmpty()) {
            out.append("<th class=\"field\"></th>");
        }
        for (Field f : rowFields) {
            out.append("<th class=\"field row-field\">").append(Html.esc(f.label())).append("</th>");
        }
    }
}
