package ai.brevetti.interfaces.monitor;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values as JSON can hold them: what a training reports, made safe to send. */
final class JsonValues {
    private JsonValues() {
    }

    /** A point with its keys as text and its values made JSON-safe ({@link #of}), in its order. */
    static Map<String, Object> point(Map<String, ?> values) {
        Map<String, Object> safe = new LinkedHashMap<>();
        values.forEach((k, v) -> safe.put(String.valueOf(k), of(v)));
        return safe;
    }

    /** A value as JSON can hold it: non-finite numbers become null, arrays lists, other objects their text. */
    static Object of(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : f;
        }
        if (v instanceof BigDecimal || v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : v instanceof BigDecimal ? v : d;
        }
        if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), of(x)));
            return out;
        }
        if (v instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(x -> out.add(of(x)));
            return out;
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(of(Array.get(v, i)));
            }
            return out;
        }
        return String.valueOf(v);
    }
}
