package ai.brevetti.data.split;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How samples are grouped for a split: by the values of columns, or by the first group of a regex
 * searched in the sample's path (Python's {@code re.search(regex, path).group(1)}).
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

    /**
     * By the first group of {@code regex} found in the path; a path it does not match (or whose first
     * group takes no part in the match) has no key.
     *
     * @throws IllegalArgumentException when the regex has no group
     */
    record PathRegex(Pattern regex) implements Grouping {
        public PathRegex {
            if (regex.matcher("").groupCount() == 0) {
                throw new IllegalArgumentException("The regex '" + regex.pattern() + "' has no group: put ( ) around the part"
                        + " of the path that names the key, e.g. '/(\\d*)_\\d*.bmp'");
            }
        }

        @Override
        public String toString() {
            return "regex " + regex.pattern();
        }
    }

    /**
     * Python's convention: a JSON list is columns, any other text a regex on the path.
     *
     * @param setting what the text is for ({@code uniqueness} or {@code stratification}), named in errors
     * @param keyMeaning what the regex's first group names, for the error that asks for a group
     * @param example a regex with a group, for that error
     */
    static Grouping parse(String text, String setting, String keyMeaning, String example) {
        String t = text.strip();
        boolean jsonLike = t.startsWith("[");
        if (jsonLike) {
            try {
                return new Columns(Json.parseList(t).stream().map(String::valueOf).toList());
            } catch (Exception notJson) {
                // a regex may start with a character class, e.g. [^/]*/(\d+)_
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(t);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("The " + setting + " regex '" + t + "' does not compile: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + (jsonLike ? " (nor is it a JSON list of columns)" : "")
                    + ". Fix the regex (its first group names " + keyMeaning + ", e.g. '" + example
                    + "'), or give the columns as a JSON list such as [\"folder\"]", e);
        }
        if (pattern.matcher("").groupCount() == 0) {
            throw new IllegalArgumentException("The " + setting + " regex '" + t + "' has no group: put ( ) around the part of the path"
                    + " that names " + keyMeaning + ", e.g. '" + example + "' (its first group is the key, as in Python's"
                    + " re.search(regex, path).group(1))");
        }
        return new PathRegex(pattern);
    }

    /**
     * The group key of every row; rows a regex does not match (or whose first group is not part of the
     * match) get null.
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
                    keys[r] = m.group(1);
                }
            }
        }
        return keys;
    }
}
