package ai.brevetti.settings;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.KnownArgs;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's settings form: {@code {"fields": [...], "presets": {...}}} in vue-form-generator JSON.
 * Generated from a {@link Settings} type ({@link Settings#getSchema}) or read from a schema file; applies
 * itself to settings ({@link #applyTo}) and reads {@code --model value} overrides from arguments
 * ({@link #parseArgs}).
 *
 * @param fields the form's fields, labels included, in order
 * @param presets preset name → nested settings
 */
public record Schema(List<SchemaField> fields, Map<String, Object> presets) {

    public Schema {
        fields = List.copyOf(fields);
        presets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(presets));
    }

    /** A schema with no fields. */
    public static Schema empty() {
        return new Schema(List.of(), Map.of());
    }

    /** Parses a schema document; a {@code groups} list of field lists is flattened into fields. */
    @SuppressWarnings("unchecked")
    public static Schema fromJson(String json) {
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SettingsException("Settings schema is not a JSON object: " + e.getMessage(), e);
        }
        List<SchemaField> fields = new ArrayList<>();
        List<Object> raw = new ArrayList<>();
        if (doc.get("fields") instanceof List<?> list) {
            raw.addAll(list);
        }
        if (doc.get("groups") instanceof List<?> groups) {
            for (Object group : groups) {
                if (group instanceof Map<?, ?> g && g.get("fields") instanceof List<?> list) {
                    raw.addAll(list);
                }
            }
        }
        for (Object f : raw) {
            if (!(f instanceof Map<?, ?> map)) {
                throw new SettingsException("Settings schema field is not an object: " + Json.write(f));
            }
            fields.add(SchemaField.of((Map<String, ?>) map));
        }
        Map<String, Object> presets = doc.get("presets") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        return new Schema(fields, presets);
    }

    /** Reads a schema file. */
    public static Schema read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read settings schema '" + file + "': " + e.getMessage(), e);
        } catch (SettingsException e) {
            throw new SettingsException("Settings schema '" + file + "': " + e.getMessage(), e);
        }
    }

    /** The schema document as JSON, indented by 2 with keys sorted (as the platform stores it). */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fields", fields);
        doc.put("presets", presets);
        return Json.writeSortedPretty(doc);
    }

    /** The fields that hold a value (labels left out). */
    public List<SchemaField> valueFields() {
        return fields.stream().filter(f -> !f.isLabel() && f.model().isPresent()).toList();
    }

    /** The field whose model is {@code model}. */
    public Optional<SchemaField> field(String model) {
        return valueFields().stream().filter(f -> f.model().get().equals(model)).findFirst();
    }

    /**
     * Python's {@code apply_schema_to_model}: a copy of {@code settings} where every field's value is
     * present (missing ones take the default) and coerced to the field's kind: number text to numbers,
     * JSON text parsed, checkbox text to booleans.
     *
     * @throws SettingsException listing the required fields that were missing, or naming a value that
     *     cannot be coerced
     */
    public Map<String, Object> applyTo(Map<String, ?> settings) {
        return applyTo(settings, true);
    }

    public Map<String, Object> applyTo(Map<String, ?> settings, boolean checkRequired) {
        Map<String, Object> model = deepCopy(settings == null ? Map.of() : settings);
        List<String> missing = new ArrayList<>();
        for (SchemaField field : valueFields()) {
            String path = field.model().get();
            String[] parts = path.split("\\.");
            Map<String, Object> parent = parentOf(model, parts, path);
            String leaf = parts[parts.length - 1];
            if (!parent.containsKey(leaf)) {
                if (field.required()) {
                    missing.add(path);
                }
                parent.put(leaf, field.defaultValue());
            }
            parent.put(leaf, FieldValues.coerce(field, parent.get(leaf), "Setting '" + path + "'"));
        }
        if (checkRequired && !missing.isEmpty()) {
            throw new SettingsException("Missing settings: " + missing + ". Give them in info.json's settings or as --<name> value arguments.");
        }
        return model;
    }

    /**
     * Python's {@code to_settings}: the form's view of a config, JSON-valued fields written as JSON text
     * (indented by 2, keys sorted).
     */
    public Map<String, Object> toSettings(Map<String, ?> config) {
        Map<String, Object> model = deepCopy(config);
        for (SchemaField field : valueFields()) {
            if (!field.isJson()) {
                continue;
            }
            String[] parts = field.model().get().split("\\.");
            Map<String, Object> parent = parentOf(model, parts, field.model().get());
            String leaf = parts[parts.length - 1];
            Object value = parent.get(leaf);
            if (value != null && !(value instanceof String)) {
                parent.put(leaf, Json.writeSortedPretty(value));
            }
        }
        return model;
    }

    /**
     * Reads {@code --<model> value} (or {@code --<model>=value}) for every field from {@code args}, like
     * Python's {@code parse_settings_args}: JSON fields are parsed, numbers and booleans converted, unknown
     * arguments ignored. Returns the nested settings the arguments give.
     *
     * @throws SettingsException naming the flag when a value is missing or malformed
     */
    public Map<String, Object> parseArgs(List<String> args) {
        Map<String, SchemaField> byModel = new LinkedHashMap<>();
        valueFields().forEach(f -> byModel.put(f.model().get(), f));
        Map<String, String> given;
        try {
            given = KnownArgs.parse(args, byModel.keySet());
        } catch (IllegalArgumentException e) {
            throw new SettingsException("Settings argument: " + e.getMessage(), e);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        given.forEach((model, text) -> {
            Object value = FieldValues.coerce(byModel.get(model), text, "--" + model);
            String[] parts = model.split("\\.");
            parentOf(overrides, parts, model).put(parts[parts.length - 1], value);
        });
        return overrides;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parentOf(Map<String, Object> model, String[] parts, String path) {
        Map<String, Object> current = model;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                current.put(parts[i], next);
            } else if (!(next instanceof Map)) {
                String at = String.join(".", java.util.Arrays.copyOf(parts, i + 1));
                throw new SettingsException("Setting '" + at + "' must be an object holding '" + path.substring(at.length() + 1)
                        + "' but got " + SettingsCodec.describe(next));
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }

    /** A mutable copy with every nested map copied too. */
    static Map<String, Object> deepCopy(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy(stringKeys(m)) : v));
        return copy;
    }

    /** {@code override} merged into a copy of {@code base}, recursively; values of {@code override} win. */
    public static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> override) {
        Map<String, Object> merged = deepCopy(base);
        override.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && merged.get(k) instanceof Map<?, ?> existing) {
                merged.put(k, merge(stringKeys(existing), stringKeys(m)));
            } else {
                merged.put(k, v instanceof Map<?, ?> m ? deepCopy(stringKeys(m)) : v);
            }
        });
        return merged;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    @Override
    public String toString() {
        return "Schema[" + valueFields().size() + " settings: "
                + String.join(", ", valueFields().stream().map(f -> f.model().get()).toList()) + "]";
    }
}
