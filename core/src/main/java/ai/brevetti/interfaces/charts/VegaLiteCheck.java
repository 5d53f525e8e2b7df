package ai.brevetti.interfaces.charts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a chart published on a model page must be, checked by {@code job.uploadChart} and by the local
 * platform's {@code /api/models/{id}/charts}:
 * <ul>
 *   <li>a name that is not blank and has no control characters (it titles the chart on the page);</li>
 *   <li>a JSON object that is a Vega-Lite view: a {@code mark} (a type name, or an object with a
 *       {@code type}) or a composition ({@code layer}, {@code concat}, {@code hconcat}, {@code vconcat}: lists;
 *       {@code facet}, {@code repeat}: with a {@code spec});</li>
 *   <li>a {@code $schema}, when given, naming Vega-Lite (a plain Vega spec is refused);</li>
 *   <li>{@code data}, when given, an object ({@code {"values": […]}}, {@code {"url": …}}, …).</li>
 * </ul>
 * Data and encodings may be left out, as Vega-Lite allows (a layer or facet may hold them).
 */
public final class VegaLiteCheck {
    private static final List<String> LISTS = List.of("layer", "concat", "hconcat", "vconcat");
    private static final List<String> WITH_SPEC = List.of("facet", "repeat");

    private VegaLiteCheck() {}

    /** Why {@code name} cannot name a chart; empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a chart needs a name that is not empty: it titles the chart on the model page");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("the chart name '" + name.replaceAll("\\p{Cntrl}", "?") + "' has control characters (a line break?)");
        }
        return Optional.empty();
    }

    /** Why {@code spec} is not a Vega-Lite chart; empty when it is one. */
    public static Optional<String> specProblem(Map<String, ?> spec) {
        Object schema = spec.get("$schema");
        if (schema != null && !(schema instanceof String s && s.contains("vega-lite"))) {
            return Optional.of("its \"$schema\" is " + schema + ", not Vega-Lite's (" + VegaLite.SCHEMA + ")");
        }
        Object data = spec.get("data");
        if (data != null && !(data instanceof Map<?, ?>)) {
            return Optional.of("its \"data\" must be an object such as {\"values\": [...]}, not " + kind(data));
        }
        Object mark = spec.get("mark");
        if (mark != null) {
            if (mark instanceof String m && !m.isBlank() || mark instanceof Map<?, ?> m2 && m2.get("type") instanceof String) {
                return Optional.empty();
            }
            return Optional.of("its \"mark\" must be a mark type (\"bar\", \"line\", …) or an object with a \"type\", not " + kind(mark));
        }
        for (String key : LISTS) {
            if (spec.containsKey(key)) {
                return spec.get(key) instanceof List<?> ? Optional.empty()
                        : Optional.of("its \"" + key + "\" must be a list of views, not " + kind(spec.get(key)));
            }
        }
        for (String key : WITH_SPEC) {
            if (spec.containsKey(key)) {
                return spec.get("spec") instanceof Map<?, ?> ? Optional.empty()
                        : Optional.of("its \"" + key + "\" needs a \"spec\" object: the view to repeat");
            }
        }
        return Optional.of("it has no \"mark\" and no composition (\"layer\", \"concat\", \"hconcat\", \"vconcat\", \"facet\", \"repeat\");"
                + " a Vega-Lite chart is e.g. {\"mark\": \"bar\", \"data\": {\"values\": [...]}, \"encoding\": {...}}");
    }

    /** Throws an {@link IllegalArgumentException} naming the chart and what is wrong, when the name or spec is not acceptable. */
    public static void check(String name, Map<String, ?> spec) {
        nameProblem(name).ifPresent(why -> {
            throw new IllegalArgumentException("Chart not uploaded: " + why);
        });
        specProblem(spec).ifPresent(why -> {
            throw new IllegalArgumentException("Chart '" + name + "' is not a Vega-Lite chart: " + why);
        });
    }

    private static String kind(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
