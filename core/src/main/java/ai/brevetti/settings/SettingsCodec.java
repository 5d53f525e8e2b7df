package ai.brevetti.settings;

import ai.brevetti.internal.Json;
import ai.brevetti.settings.SettingsType.Property;
import com.fasterxml.jackson.databind.JavaType;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Converts settings objects to config maps and back (Python's {@code get_config} / {@code from_config}). */
final class SettingsCodec {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private SettingsCodec() {}

    // ---- object → config

    static Map<String, Object> getConfig(Object settings) {
        if (settings instanceof GenericSettings generic) {
            return generic.asMap();
        }
        SettingsType type = SettingsType.of(settings.getClass());
        Map<String, Object> config = new LinkedHashMap<>();
        for (Property p : type.properties()) {
            config.put(p.key(), toConfigValue(type.get(settings, p)));
        }
        return config;
    }

    static Object toConfigValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Settings settings) {
            return settings.getConfig();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(SettingsCodec::toConfigValue).orElse(null);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), toConfigValue(v)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(v -> copy.add(toConfigValue(v)));
            return copy;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> copy = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                copy.add(toConfigValue(Array.get(value, i)));
            }
            return copy;
        }
        return Json.mapper().convertValue(value, Object.class);
    }

    // ---- config → object

    static <S> S fromConfig(Class<S> type, Map<String, ?> config, String path) {
        if (config == null) {
            return null;
        }
        if (type == GenericSettings.class) {
            return type.cast(new GenericSettings(config));
        }
        SettingsType shape = SettingsType.of(type);
        Set<String> invalid = new TreeSet<>();
        for (String key : config.keySet()) {
            if (shape.property(key).isEmpty()) {
                invalid.add(path + key);
            }
        }
        if (!invalid.isEmpty()) {
            LOG.warn("Invalid config keys: {}", String.join(", ", invalid));
        }
        Object defaults = shape.defaults();
        Map<Property, Object> values = new HashMap<>();
        for (Property p : shape.properties()) {
            values.put(p, config.containsKey(p.key())
                    ? convert(config.get(p.key()), p.type(), path + p.key())
                    : shape.get(defaults, p));
        }
        return type.cast(shape.create(values));
    }

    /** Converts a config value to {@code target}; {@code key} (a dotted path) names it in errors. */
    static Object convert(Object value, Type target, String key) {
        Class<?> raw = rawClass(target);
        if (value == null) {
            if (raw.isPrimitive()) {
                throw wrongType(key, raw, null);
            }
            return raw == Optional.class ? Optional.empty() : null;
        }
        if (raw == Optional.class) {
            Type inner = target instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            return Optional.ofNullable(convert(value, inner, key));
        }
        if (Settings.class.isAssignableFrom(raw)) {
            if (raw.isInstance(value)) {
                return value;
            }
            if (value instanceof Map<?, ?> map) {
                return fromConfig(raw.asSubclass(Settings.class), stringKeys(map, key), key + ".");
            }
            throw wrongType(key, raw, value);
        }
        Class<?> boxed = box(raw);
        if (Number.class.isAssignableFrom(boxed)) {
            return toNumber(value, raw, key);
        }
        if (boxed == Boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
            throw wrongType(key, raw, value);
        }
        if (boxed == String.class || boxed == CharSequence.class) {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                return String.valueOf(value);
            }
            throw wrongType(key, raw, value);
        }
        if (raw.isEnum()) {
            if (value instanceof String name) {
                for (Object constant : raw.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(name)) {
                        return constant;
                    }
                }
            }
            throw new SettingsException("Setting '" + key + "' expects one of " + List.of(raw.getEnumConstants())
                    + " but got " + describe(value));
        }
        if (raw == Object.class) {
            return value;
        }
        if (Map.class.isAssignableFrom(raw) && !(value instanceof Map<?, ?>)
                || (Collection.class.isAssignableFrom(raw) || raw.isArray()) && !(value instanceof Collection<?>)) {
            throw wrongType(key, raw, value);
        }
        try {
            JavaType javaType = Json.mapper().getTypeFactory().constructType(target);
            return Json.mapper().convertValue(value, javaType);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("Setting '" + key + "' expects " + describeType(target) + " but got "
                    + describe(value) + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static Object toNumber(Object value, Class<?> raw, String key) {
        Class<?> boxed = box(raw);
        if (!(value instanceof Number number)) {
            throw wrongType(key, raw, value);
        }
        if (boxed == Number.class) {
            return number;
        }
        if (boxed == Double.class) {
            return number.doubleValue();
        }
        if (boxed == Float.class) {
            return number.floatValue();
        }
        if (boxed == BigDecimal.class) {
            return new BigDecimal(number.toString());
        }
        BigDecimal exact = new BigDecimal(number.toString());
        try {
            BigInteger integral = exact.toBigIntegerExact();
            if (boxed == BigInteger.class) {
                return integral;
            }
            if (boxed == Long.class) {
                return integral.longValueExact();
            }
            if (boxed == Integer.class) {
                return integral.intValueExact();
            }
            if (boxed == Short.class) {
                return integral.shortValueExact();
            }
            if (boxed == Byte.class) {
                return integral.byteValueExact();
            }
        } catch (ArithmeticException e) {
            throw wrongType(key, raw, value);
        }
        throw wrongType(key, raw, value);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        if (type instanceof java.lang.reflect.GenericArrayType ga) {
            return Array.newInstance(rawClass(ga.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    static Class<?> box(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return raw;
        }
        return Array.get(Array.newInstance(raw, 1), 0).getClass();
    }

    private static SettingsException wrongType(String key, Class<?> expected, Object value) {
        return new SettingsException("Setting '" + key + "' expects " + describeType(expected) + " but got " + describe(value));
    }

    static String describeType(Type type) {
        Class<?> raw = rawClass(type);
        Class<?> boxed = box(raw);
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class || boxed == BigInteger.class) {
            return "an integer (" + raw.getSimpleName() + ")";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "a number (" + raw.getSimpleName() + ")";
        }
        if (boxed == Boolean.class) {
            return "true or false (boolean)";
        }
        if (boxed == String.class) {
            return "a text (String)";
        }
        if (Map.class.isAssignableFrom(raw) || Settings.class.isAssignableFrom(raw)) {
            return "a JSON object (" + raw.getSimpleName() + ")";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return "a JSON list (" + raw.getSimpleName() + ")";
        }
        return type.getTypeName();
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String json;
        try {
            json = Json.write(value);
        } catch (RuntimeException e) {
            json = String.valueOf(value);
        }
        if (json.length() > 80) {
            json = json.substring(0, 77) + "...";
        }
        String kind = value instanceof String ? "text" : value instanceof Number ? "number"
                : value instanceof Boolean ? "boolean" : value instanceof Map ? "object" : value instanceof Collection ? "list"
                : value.getClass().getSimpleName();
        return kind + " " + json;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
