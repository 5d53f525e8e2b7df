package ai.brevetti.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of one JSON object of the platform's answers, tolerantly: a missing field, a null or a
 * value of another JSON type than expected gives the field's default (empty text, empty list, false, -1,
 * {@link Optional#empty()}), and fields nobody asks for are ignored. The records of the web API
 * ({@link Model}, {@link Report}, …) are read through it, so a platform that adds fields breaks nothing.
 */
final class JsonFields {
    private final Map<String, ?> map;

    private JsonFields(Map<String, ?> map) {
        this.map = map == null ? Map.of() : map;
    }

    static JsonFields of(Map<String, ?> map) {
        return new JsonFields(map);
    }

    /** The first of {@code keys} that is present and not null (spellings of one field, e.g. {@code volumeSizeInGB}). */
    private Object value(String... keys) {
        for (String key : keys) {
            Object v = map.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A scalar as text; "" when missing, null, a list or an object. */
    String text(String... keys) {
        return optional(keys).orElse("");
    }

    /** A scalar as text; empty when missing, null, a list or an object. */
    Optional<String> optional(String... keys) {
        Object v = value(keys);
        return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** A secret field (an API key, a password, a private key); an empty secret when missing. */
    Secret secret(String... keys) {
        return Secret.of(text(keys));
    }

    /** True for {@code true} or the text "true" (any case). */
    boolean bool(String... keys) {
        Object v = value(keys);
        return v instanceof Boolean b ? b : v instanceof String s && s.equalsIgnoreCase("true");
    }

    /** A whole number (or its text); {@code fallback} when missing or not a number. */
    long number(long fallback, String... keys) {
        Object v = value(keys);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** A whole number as an int (-1 when missing). */
    int integer(String... keys) {
        long n = number(-1, keys);
        return n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? -1 : (int) n;
    }

    /** A list of scalars as texts; objects in it are skipped; empty when missing or not a list. */
    List<String> strings(String... keys) {
        List<String> out = new ArrayList<>();
        if (value(keys) instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !(item instanceof Map<?, ?>) && !(item instanceof List<?>)) {
                    out.add(String.valueOf(item));
                }
            }
        }
        return List.copyOf(out);
    }

    /** A list of objects; other items are skipped; empty when missing or not a list. */
    List<Map<String, Object>> objects(String... keys) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value(keys) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    out.add(stringKeys(m));
                }
            }
        }
        return out;
    }

    /** An object; empty when missing or not an object. */
    Map<String, Object> object(String... keys) {
        return value(keys) instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
    }

    /** Any JSON value as the platform sent it (maps, lists, text, numbers, booleans), empty when missing or null. */
    Optional<Object> raw(String... keys) {
        return Optional.ofNullable(value(keys));
    }

    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
