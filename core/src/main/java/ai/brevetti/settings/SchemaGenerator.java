package ai.brevetti.settings;

import ai.brevetti.settings.SettingsType.Property;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Generates the settings form of a {@link Settings} type from its properties (Python's {@code get_schema}). */
final class SchemaGenerator {
    private SchemaGenerator() {}

    static Schema schema(Class<? extends Settings> type) {
        if (type == GenericSettings.class) {
            return Schema.empty();
        }
        SettingsType shape = SettingsType.of(type);
        Object defaults = shape.defaults();
        SchemaBuilder builder = new SchemaBuilder();
        for (Property p : shape.properties()) {
            Object value = SettingsCodec.toConfigValue(shape.get(defaults, p));
            addField(builder, p, value);
        }
        ((Settings) defaults).customizeSchema(builder);
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static void addField(SchemaBuilder builder, Property p, Object defaultValue) {
        Class<?> raw = SettingsCodec.rawClass(p.type());
        Class<?> boxed = SettingsCodec.box(raw);
        Optional<Setting> s = p.annotation();
        String label = p.label();
        String key = p.key();
        boolean required = s.map(Setting::required).orElse(false);
        SchemaField field;
        if (raw == Optional.class) {
            Type inner = p.type() instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            raw = SettingsCodec.rawClass(inner);
            boxed = SettingsCodec.box(raw);
        }
        if (Settings.class.isAssignableFrom(raw)) {
            builder.addField(SchemaField.label(label, key));
            Schema nested = schema((Class<? extends Settings>) raw);
            builder.append(SchemaBuilder.from(nested).build(key));
            return;
        }
        if (Number.class.isAssignableFrom(boxed)) {
            boolean integral = boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class
                    || boxed == BigInteger.class;
            Number step = s.map(Setting::step).filter(d -> !Double.isNaN(d)).map(d -> (Number) d)
                    .orElse(integral ? (Number) 1 : (Number) 0.1);
            field = SchemaField.numberInput(label, key, (Number) defaultValue, required,
                    s.map(Setting::min).filter(d -> !Double.isNaN(d)).orElse(null),
                    s.map(Setting::max).filter(d -> !Double.isNaN(d)).orElse(null), step);
        } else if (boxed == Boolean.class) {
            field = SchemaField.checkbox(label, key, Boolean.TRUE.equals(defaultValue), required);
        } else if (boxed == String.class) {
            field = s.map(Setting::textArea).orElse(false)
                    ? SchemaField.textArea(label, key, defaultValue, required, false, s.get().help())
                    : SchemaField.textInput(label, key, defaultValue, required, false);
        } else if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            field = SchemaField.select(label, key, defaultValue, names, required, false);
        } else if (Collection.class.isAssignableFrom(raw) && enumElement(p.type()).isPresent()) {
            List<String> names = Arrays.stream(enumElement(p.type()).get().getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            field = SchemaField.checklist(label, key, (List<?>) defaultValue, names, required, true);
        } else {
            field = SchemaField.textArea(label, key, defaultValue, required, true, null);
        }
        if (s.isPresent() && !s.get().help().isEmpty()) {
            field = field.with("help", s.get().help());
        }
        field = field.with("visible", !s.map(Setting::advanced).orElse(false));
        builder.addField(field);
    }

    private static Optional<Class<?>> enumElement(Type type) {
        if (type instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1) {
            Class<?> element = SettingsCodec.rawClass(pt.getActualTypeArguments()[0]);
            return element.isEnum() ? Optional.of(element) : Optional.empty();
        }
        return Optional.empty();
    }
}
