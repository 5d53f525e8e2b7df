package ai.brevetti.settings;

import ai.brevetti.internal.Json;
import java.util.Map;

/**
 * A settings type: a record (or a class with fields) whose values serialise to the platform's settings
 * JSON and back, and from which the platform's settings form (schema) is generated. Java's answer to the
 * Python SDK's {@code VueSettingsModule}.
 *
 * <pre>{@code
 * record MyCustomObject(int customParam) implements Settings {
 *     MyCustomObject() { this(0); }                    // the defaults
 * }
 * var config = new MyCustomObject(3).getConfig();      // {custom_param=3}
 * var copy = Settings.fromConfig(MyCustomObject.class, config);
 * }</pre>
 *
 * <p>JSON keys are the Java names in snake_case unless {@link Setting#key()} says otherwise. A record's
 * no-argument constructor supplies the defaults; without one, every component starts as null/zero and
 * the compact constructor may fill them in. Settings types may nest. Supported value types: numbers,
 * booleans, strings, enums, nested settings, and anything JSON can hold (maps, lists, arrays).
 */
public interface Settings {

    /** The config map: JSON keys to plain values, nested settings as nested maps. */
    default Map<String, Object> getConfig() {
        return SettingsCodec.getConfig(this);
    }

    /** The config as compact JSON. */
    default String toJson() {
        return Json.write(getConfig());
    }

    /**
     * The values as the platform's settings form holds them: JSON-valued fields as JSON text (indented,
     * keys sorted), nested settings as nested maps. Python's {@code get_settings()}.
     */
    default Map<String, Object> getSettings() {
        return getSchema(getClass()).toSettings(getConfig());
    }

    /** A copy made from this object's config. */
    @SuppressWarnings("unchecked")
    default <S extends Settings> S copy() {
        return (S) fromConfig(getClass(), getConfig());
    }

    /**
     * Adjusts the schema generated for this type (add presets, hide or replace fields). Called on the
     * default instance; {@code schema} holds the generated fields of this type, without namespace.
     */
    default void customizeSchema(SchemaBuilder schema) {
    }

    /**
     * Builds a settings object from a config map. Keys the type does not know are dropped with the
     * warning {@code Invalid config keys: k1, k2}; missing keys keep their defaults; a value of the wrong
     * type fails with a {@link SettingsException} naming the key, the expected type and the value.
     */
    static <S extends Settings> S fromConfig(Class<S> type, Map<String, ?> config) {
        return SettingsCodec.fromConfig(type, config, "");
    }

    /**
     * Builds a settings object from the platform's settings (the form's model): applies the schema
     * (defaults, required fields, coercion of text to numbers, booleans and JSON), then {@link #fromConfig}.
     */
    static <S extends Settings> S fromSettings(Class<S> type, Map<String, ?> settings) {
        return fromConfig(type, getSchema(type).applyTo(settings));
    }

    /** The default instance of {@code type}. */
    static <S extends Settings> S defaults(Class<S> type) {
        return fromConfig(type, Map.of());
    }

    /** The platform settings form (vue-form-generator schema) generated from {@code type}. */
    static Schema getSchema(Class<? extends Settings> type) {
        return SchemaGenerator.schema(type);
    }
}
