package ai.brevetti.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings without a declared type: every key of the job's settings is kept as given. The default
 * settings of a {@code Job} that binds no settings type.
 */
public final class GenericSettings implements Settings {
    private final Map<String, Object> values;

    public GenericSettings(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, SettingsCodec.toConfigValue(v)));
        this.values = Collections.unmodifiableMap(copy);
    }

    public GenericSettings() {
        this(Map.of());
    }

    /** The value at a dotted path ({@code "custom.custom_param"}). */
    public Optional<Object> get(String path) {
        Object current = values;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    Map<String, Object> asMap() {
        return new LinkedHashMap<>(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericSettings other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "GenericSettings" + values;
    }
}
