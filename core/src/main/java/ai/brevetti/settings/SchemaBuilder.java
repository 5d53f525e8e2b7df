package ai.brevetti.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Assembles a {@link Schema}: fields, presets and other schemas, optionally under a namespace
 * (every model prefixed with {@code namespace.}). Mutable; {@link #build()} takes a snapshot.
 */
public final class SchemaBuilder {
    private final List<SchemaField> fields = new ArrayList<>();
    private final Map<String, Object> presets = new LinkedHashMap<>();

    public SchemaBuilder() {
    }

    /** Starts from an existing schema. */
    public static SchemaBuilder from(Schema schema) {
        return new SchemaBuilder().append(schema);
    }

    public SchemaBuilder addField(SchemaField field) {
        fields.add(field);
        return this;
    }

    /** Adds every field and preset of {@code schema}. */
    public SchemaBuilder append(Schema schema) {
        fields.addAll(schema.fields());
        presets.putAll(Schema.merge(presets, schema.presets()));
        return this;
    }

    /** Sets {@code model} (a dotted path) to {@code value} in preset {@code preset}. */
    @SuppressWarnings("unchecked")
    public SchemaBuilder addPreset(String preset, String model, Object value) {
        Map<String, Object> current = (Map<String, Object>) presets.computeIfAbsent(preset, p -> new LinkedHashMap<String, Object>());
        String[] parts = model.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(parts[i], p -> new LinkedHashMap<String, Object>());
        }
        current.put(parts[parts.length - 1], value);
        return this;
    }

    /** Replaces the field with model {@code model}. */
    public SchemaBuilder replaceField(String model, UnaryOperator<SchemaField> change) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).model().filter(model::equals).isPresent()) {
                fields.set(i, change.apply(fields.get(i)));
                return this;
            }
        }
        throw new SettingsException("No settings field '" + model + "' in this schema");
    }

    /** Removes the field with model {@code model} (the setting is then not shown on the platform). */
    public SchemaBuilder removeField(String model) {
        if (!fields.removeIf(f -> f.model().filter(model::equals).isPresent())) {
            throw new SettingsException("No settings field '" + model + "' in this schema");
        }
        return this;
    }

    public Schema build() {
        return new Schema(fields, presets);
    }

    /** The schema with {@code namespace.} in front of every model and tag, presets nested under it. */
    public Schema build(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return build();
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        presets.forEach((name, values) -> nested.put(name, Map.of(namespace, values)));
        return new Schema(fields.stream().map(f -> f.withNamespace(namespace)).toList(), nested);
    }
}
