package ai.brevetti.settings;

import ai.brevetti.internal.TextTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

    /**
     * The settings as aligned text, one row per value at its dotted path ({@code custom.custom_param}), fitted to
     * the terminal: {@code GenericSettings[2 settings]}, then {@code setting  value} rows.
     */
    @Override
    public String toString() {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", values, flat);
        Table table = Table.create("settings", StringColumn.create("setting", flat.keySet()), StringColumn.create("value", flat.values()));
        return TextTable.render("GenericSettings[" + flat.size() + (flat.size() == 1 ? " setting]" : " settings]"), table, false, 100);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String path = prefix + k;
            if (v instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(path + ".", nested, out);
            } else {
                out.put(path, String.valueOf(v));
            }
        });
    }
}
