package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output metrics of a job's {@code artifacts/output.json} ({@code {"output": {name: value}}}, spec §7.1)
 * as one flat map of scalars: nested objects become dotted names ({@code "per class": {"good": 0.9}} →
 * {@code per class.good}), lists and nulls are left out (they are no column or comparable value).
 */
final class OutputMetrics {
    /** How deep nested objects are flattened. */
    static final int MAX_DEPTH = 4;

    private OutputMetrics() {}

    /** The flattened metrics of output.json's text; an IllegalArgumentException saying why when it is not JSON. */
    static Map<String, Object> parse(String outputJson) {
        Object document;
        try {
            document = Json.parse(outputJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("artifacts/output.json is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (document instanceof Map<?, ?> map && map.get("output") instanceof Map<?, ?> output) {
            flatten("", output, 0, out);
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, int depth, Map<String, Object> out) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> inner) {
                if (depth < MAX_DEPTH) {
                    flatten(name + ".", inner, depth + 1, out);
                }
            } else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
                out.put(name, value);
            }
        });
    }

    /** A value as a number for sorting and comparing, or null when it is not a finite number. */
    static Double number(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }
}
