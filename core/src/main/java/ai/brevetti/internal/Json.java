package ai.brevetti.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project's one Jackson configuration; internal, not part of the public API. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private static final ObjectMapper SORTED = MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Python's {@code json.dumps(indent=2)} layout: {@code "key": value}, arrays one element per line, {@code {}} when empty. */
    private static final DefaultPrettyPrinter PYTHON_STYLE = pythonStyle();

    /** Python's {@code json.dumps()} default layout: one line, {@code ", "} between items and {@code ": "} after keys. */
    private static final DefaultPrettyPrinter PYTHON_COMPACT = pythonCompact();

    private Json() {}

    private static DefaultPrettyPrinter pythonCompact() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(DefaultPrettyPrinter.NopIndenter.instance);
        printer.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        return printer;
    }

    private static DefaultPrettyPrinter pythonStyle() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact JSON, keys in insertion order. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * One-line JSON laid out as Python's {@code json.dumps(value)} writes it ({@code {"epoch": 1, "loss": [0.5, 0.25]}}),
     * keys in insertion order: the layout of the files and requests the original SDK produced.
     */
    public static String writePython(Object value) {
        try {
            return MAPPER.writer(PYTHON_COMPACT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** JSON indented by 2 spaces, as the platform's files are written. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writer(PYTHON_STYLE).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** JSON indented by 2 spaces with map keys sorted (Python's {@code json.dumps(indent=2, sort_keys=True)}). */
    public static String writeSortedPretty(Object value) {
        try {
            return SORTED.writer(PYTHON_STYLE).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Compact JSON with map keys sorted (Python's {@code json.dumps(sort_keys=True)}). */
    public static String writeSorted(Object value) {
        try {
            return SORTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses any JSON value into plain Java values: maps (ordered), lists, strings, numbers, booleans, null. */
    public static Object parse(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Object.class);
    }

    /** Where and why JSON text could not be read, in one line: {@code line 1, column 3: Unexpected end-of-input …}. */
    public static String describe(JsonProcessingException e) {
        String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                : e.getOriginalMessage().split("\n")[0].replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                .replaceAll("^Cannot deserialize value of type `[^`]*` from (\\w+) value.*", "a JSON $1 value where an object is wanted");
        return e.getLocation() == null ? why : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + why;
    }

    /** Parses a JSON object into an ordered map. */
    public static Map<String, Object> parseObject(String json) throws JsonProcessingException {
        Map<String, Object> map = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        if (map == null) {
            throw new IllegalArgumentException("expected a JSON object, got null");
        }
        return map;
    }

    /**
     * True for values that are JSON by nature: null, numbers, text, booleans, enums, and maps (text keys),
     * collections, arrays and records made of such values. Other objects would be written bean by bean.
     */
    public static boolean isJsonLike(Object value) {
        if (value == null || value instanceof Number || value instanceof CharSequence || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof com.fasterxml.jackson.databind.JsonNode) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(e -> e.getKey() instanceof String && isJsonLike(e.getValue()));
        }
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (!isJsonLike(item)) {
                    return false;
                }
            }
            return true;
        }
        if (value.getClass().isArray()) {
            if (value.getClass().getComponentType().isPrimitive()) {
                return true;
            }
            for (Object item : (Object[]) value) {
                if (!isJsonLike(item)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    if (!isJsonLike(accessor.invoke(record))) {
                        return false;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    public static List<Object> parseList(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, new TypeReference<List<Object>>() {});
    }
}
