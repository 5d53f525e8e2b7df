package ai.brevetti.settings;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of the platform's settings form, in vue-form-generator JSON: {@code type} ({@code input},
 * {@code textArea}, {@code checkbox}, {@code select}, {@code checklist}, {@code label}), {@code model}
 * (a dotted path into the settings), {@code label}, {@code default}, {@code required} and type-specific
 * attributes. Immutable; {@link #with} returns a changed copy.
 */
public final class SchemaField {
    private final Map<String, Object> attributes;

    private SchemaField(Map<String, Object> attributes) {
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A field from its JSON attributes (as read from a schema file). */
    public static SchemaField of(Map<String, ?> attributes) {
        if (!(attributes.get("type") instanceof String)) {
            throw new SettingsException("Schema field " + Json.write(attributes) + " has no \"type\"");
        }
        return new SchemaField(new LinkedHashMap<>(attributes));
    }

    private static SchemaField field(String type, String label, String model, Object defaultValue, boolean required) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        a.put("label", label);
        a.put("model", model);
        a.put("default", defaultValue);
        a.put("required", required);
        return new SchemaField(a);
    }

    /** A section header; {@code tag} marks the header of nested settings. */
    public static SchemaField label(String label, String tag) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "label");
        a.put("label", label);
        if (tag != null) {
            a.put("tag", tag);
        }
        return new SchemaField(a);
    }

    /** {@code {type: input, inputType: number}}; min/max/step are added when not null. */
    public static SchemaField numberInput(String label, String model, Number defaultValue, boolean required,
                                          Number min, Number max, Number step) {
        SchemaField f = field("input", label, model, defaultValue, required).with("inputType", "number");
        if (min != null) {
            f = f.with("min", min);
        }
        if (max != null) {
            f = f.with("max", max);
        }
        if (step != null) {
            f = f.with("step", step);
        }
        return f;
    }

    /** {@code {type: input, inputType: text, isJson}}; a non-text default is written as sorted JSON. */
    public static SchemaField textInput(String label, String model, Object defaultValue, boolean required, boolean json) {
        Object d = defaultValue == null || defaultValue instanceof String ? defaultValue : Json.writeSorted(defaultValue);
        return field("input", label, model, d == null ? "" : d, required).with("inputType", "text").with("isJson", json);
    }

    /** {@code {type: textArea, isJson}}; a non-text default is written as JSON indented by 2, keys sorted. */
    public static SchemaField textArea(String label, String model, Object defaultValue, boolean required, boolean json,
                                       String hint) {
        Object d = defaultValue == null || defaultValue instanceof String ? defaultValue : Json.writeSortedPretty(defaultValue);
        return field("textArea", label, model, d == null ? "" : d, required)
                .with("hint", hint == null ? "" : hint)
                .with("placeholder", "")
                .with("rows", 4)
                .with("max", 5000)
                .with("isJson", json);
    }

    public static SchemaField checkbox(String label, String model, boolean defaultValue, boolean required) {
        return field("checkbox", label, model, defaultValue, required);
    }

    /** A drop-down of {@code values}; non-text values are offered as JSON when {@code json}. */
    public static SchemaField select(String label, String model, Object defaultValue, List<?> values, boolean required,
                                     boolean json) {
        List<Object> shown = values.stream().map(v -> json && !(v instanceof String) ? (Object) Json.write(v) : v).toList();
        return field("select", label, model, defaultValue, required).with("values", shown).with("isJson", json);
    }

    /** Several of {@code values}; a list box unless {@code dropdown}. */
    public static SchemaField checklist(String label, String model, List<?> defaultValue, List<?> values, boolean required,
                                        boolean dropdown) {
        return field("checklist", label, model, defaultValue, required).with("values", values).with("listbox", !dropdown);
    }

    /** The standard {@code classes} field: a JSON list of class names. */
    public static SchemaField classes() {
        return textInput("Classes as json list", "classes", List.of(), false, true).with("criterionType", "classes");
    }

    /** The standard {@code class_mapping} field: JSON mapping from folder name to class. */
    public static SchemaField classMapping() {
        return textArea("Class mapping", "class_mapping", Map.of(), false, true, "Json mapping from folder name to class")
                .with("criterionType", "class_mapping");
    }

    /** A copy with one attribute set. */
    public SchemaField with(String attribute, Object value) {
        Map<String, Object> a = new LinkedHashMap<>(attributes);
        a.put(attribute, value);
        return new SchemaField(a);
    }

    /** A copy with {@code namespace.} put in front of its model (and of a label's tag). */
    public SchemaField withNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return this;
        }
        SchemaField f = this;
        if (model().isPresent()) {
            f = f.with("model", namespace + "." + model().get());
        }
        if (attributes.get("tag") instanceof String tag) {
            f = f.with("tag", namespace + "." + tag);
        }
        return f;
    }

    public String type() {
        return (String) attributes.get("type");
    }

    /** The dotted path into the settings; labels have none. */
    public Optional<String> model() {
        return Optional.ofNullable(attributes.get("model")).map(String::valueOf);
    }

    public String label() {
        return Objects.toString(attributes.get("label"), "");
    }

    public Object defaultValue() {
        return attributes.get("default");
    }

    public boolean required() {
        return Boolean.TRUE.equals(attributes.get("required"));
    }

    /** True when the value is JSON text to be parsed. */
    public boolean isJson() {
        return Boolean.TRUE.equals(attributes.get("isJson"));
    }

    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** True for number inputs. */
    public boolean isNumber() {
        return "input".equals(type()) && "number".equals(attributes.get("inputType"));
    }

    public boolean isLabel() {
        return "label".equals(type());
    }

    /** The field as its JSON object. */
    @JsonValue
    public Map<String, Object> toMap() {
        return attributes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaField other && other.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return Json.write(attributes);
    }
}
