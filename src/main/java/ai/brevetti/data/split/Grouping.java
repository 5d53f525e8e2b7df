package ai.brevetti.data.split;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How samples are grouped for a split: by the values of columns, or by the first group of a regex
 * searched in the sample's path.
 */
public sealed interface Grouping {

    /** By the values of these columns. */
    record Columns(List<String> columns) implements Grouping {
        public Columns {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("Group by at least one column");
            }
            columns = List.copyOf(columns);
        }

        @Override
        public String toString() {
            return columns.toString();
        }
    }

    /** By the first group of {@code regex} in the path (the whole match when it has no group). */
    record PathRegex(Pattern regex) implements Grouping {
        @Override
        public String toString() {
            return "regex " + regex.pattern();
        }
    }

    /** Python's convention: a JSON list is columns, any other text a regex on the path. */
    static Grouping parse(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            try {
                return new Columns(Json.parseList(t).stream().map(String::valueOf).toList());
            } catch (Exception e) {
                throw new IllegalArgumentException("'" + text + "' looks like a JSON list of columns but is not one: " + e.getMessage());
            }
        }
        return new PathRegex(Pattern.compile(t));
    }

    /**
     * The group key of every row; rows a regex does not match get null.
     *
     * @throws IllegalArgumentException when a column is missing
     */
    default String[] keys(Samples samples) {
        int n = samples.size();
        String[] keys = new String[n];
        if (this instanceof Columns c) {
            List<String[]> values = c.columns().stream().map(samples::columnArray).toList();
            if (values.size() == 1) {
                return values.get(0);
            }
            for (int r = 0; r < n; r++) {
                StringBuilder key = new StringBuilder();
                for (String[] v : values) {
                    key.append(key.length() > 0 ? "\u001f" : "").append(v[r]);
                }
                keys[r] = key.toString();
            }
        } else if (this instanceof PathRegex p) {
            String[] paths = samples.columnArray("path");
            Matcher m = p.regex().matcher("");
            for (int r = 0; r < n; r++) {
                m.reset(paths[r]);
                if (m.find()) {
                    keys[r] = m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
        }
        return keys;
    }
}
