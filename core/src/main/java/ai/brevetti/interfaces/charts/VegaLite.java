package ai.brevetti.interfaces.charts;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;

/**
 * A Vega-Lite chart: the spec's JSON text. In a notebook it shows as the chart (Vega-Lite JSON for
 * frontends that render it, and an offline HTML rendering for classic Notebook and nbconvert HTML);
 * elsewhere it is its JSON. {@code toString()} is {@code VegaLite[<title or mark>]}.
 *
 * <pre>{@code
 * VegaLite.of("""
 *     {"title": "loss", "mark": "line", "data": {"values": [{"x": 1, "y": 0.9}, {"x": 2, "y": 0.4}]},
 *      "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}""")
 * }</pre>
 *
 * @param spec the spec as compact JSON (an object)
 */
public record VegaLite(String spec) {
    /** The schema of the Vega-Lite version the notebooks bundle. */
    public static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

    public VegaLite {
        spec = Json.write(parse(spec));
    }

    /** A chart from its spec's JSON text; fails on anything but a JSON object. */
    public static VegaLite of(String specJson) {
        return new VegaLite(specJson);
    }

    /** A chart from its spec as maps and lists (as {@code Json} would write them). */
    public static VegaLite of(Map<String, ?> spec) {
        return new VegaLite(Json.write(spec));
    }

    /** The spec's JSON text (compact): what {@code job.uploadChart(name, chart)} sends. */
    public String toJson() {
        return spec;
    }

    /** The spec's JSON text indented by 2 spaces. */
    public String toPrettyJson() {
        return Json.writePretty(parse(spec));
    }

    /** The spec as maps and lists. */
    public Map<String, Object> toMap() {
        return parse(spec);
    }

    /** The title (text of {@code title}), else the mark type, else the kind of composition, else "chart". */
    public String label() {
        Map<String, Object> map = parse(spec);
        Object title = map.get("title");
        if (title instanceof Map<?, ?> t) {
            title = t.get("text");
        }
        if (title instanceof String s && !s.isBlank()) {
            return s;
        }
        if (title instanceof java.util.List<?> lines && !lines.isEmpty()) {
            return String.valueOf(lines.get(0));
        }
        Object mark = map.get("mark");
        if (mark instanceof Map<?, ?> m) {
            mark = m.get("type");
        }
        if (mark instanceof String s) {
            return s;
        }
        for (String composition : new String[] {"layer", "hconcat", "vconcat", "concat", "facet", "repeat"}) {
            if (map.containsKey(composition)) {
                return composition;
            }
        }
        return "chart";
    }

    @Override
    public String toString() {
        return "VegaLite[" + label() + "]";
    }

    private static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("A Vega-Lite spec is a JSON object, not an empty text");
        }
        try {
            return Json.parseObject(json);
        } catch (JsonProcessingException | RuntimeException e) {
            String start = json.strip();
            throw new IllegalArgumentException("A Vega-Lite spec is a JSON object; cannot read "
                    + (start.length() > 40 ? start.substring(0, 40) + "…" : start) + ": " + e.getMessage(), e);
        }
    }
}
