package ai.brevetti.settings;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reflective shape of a {@link Settings} type: its properties, how to make its default instance and
 * how to build one from values. Records use their canonical constructor (a no-argument constructor, when
 * present, gives the defaults); classes need a no-argument constructor and have their fields set.
 */
final class SettingsType {
    private static final ClassValue<SettingsType> CACHE = new ClassValue<>() {
        @Override
        protected SettingsType computeValue(Class<?> type) {
            return new SettingsType(type);
        }
    };

    /** One setting. */
    record Property(String name, String key, Type type, Class<?> raw, Optional<Setting> annotation,
                    Field field) {
        String label() {
            return annotation.map(Setting::label).filter(l -> !l.isEmpty()).orElseGet(() -> titleCase(key));
        }
    }

    private final Class<?> type;
    private final List<Property> properties;
    private final Map<String, Property> byKey = new LinkedHashMap<>();
    private final Constructor<?> canonical;
    private final Constructor<?> noArgs;

    private SettingsType(Class<?> type) {
        this.type = type;
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new SettingsException("Settings type " + type.getName() + " must be a record or a concrete class");
        }
        this.noArgs = findNoArgs(type);
        if (type.isRecord()) {
            List<Property> props = new ArrayList<>();
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                Optional<Setting> setting = Optional.ofNullable(c.getAnnotation(Setting.class));
                props.add(new Property(c.getName(), keyOf(c.getName(), setting), c.getGenericType(), c.getType(),
                        setting, null));
            }
            this.properties = List.copyOf(props);
            try {
                this.canonical = type.getDeclaredConstructor(types);
                this.canonical.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Record " + type.getName() + " has no canonical constructor", e);
            }
        } else {
            if (noArgs == null) {
                throw new SettingsException("Settings class " + type.getName()
                        + " needs a constructor without arguments (or make it a record)");
            }
            List<Property> props = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                List<Property> own = new ArrayList<>();
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
                        continue;
                    }
                    f.setAccessible(true);
                    Optional<Setting> setting = Optional.ofNullable(f.getAnnotation(Setting.class));
                    own.add(new Property(f.getName(), keyOf(f.getName(), setting), f.getGenericType(), f.getType(),
                            setting, f));
                }
                props.addAll(0, own);
            }
            this.properties = List.copyOf(props);
            this.canonical = null;
        }
        for (Property p : properties) {
            if (byKey.put(p.key(), p) != null) {
                throw new SettingsException("Settings type " + type.getName() + " has two settings with the key '" + p.key() + "'");
            }
        }
    }

    static SettingsType of(Class<?> type) {
        try {
            return CACHE.get(type);
        } catch (SettingsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SettingsException("Cannot use " + type.getName() + " as settings: " + e.getMessage(), e);
        }
    }

    private static Constructor<?> findNoArgs(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    Class<?> type() {
        return type;
    }

    List<Property> properties() {
        return properties;
    }

    Optional<Property> property(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The instance holding every default value. */
    Object defaults() {
        if (noArgs != null) {
            return invoke(noArgs);
        }
        Object[] values = new Object[properties.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = zero(properties.get(i).raw());
        }
        return invoke(canonical, values);
    }

    /** The value of {@code property} in {@code instance}. */
    Object get(Object instance, Property property) {
        try {
            if (property.field() != null) {
                return property.field().get(instance);
            }
            var accessor = type.getDeclaredMethod(property.name());
            accessor.setAccessible(true);
            return accessor.invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read setting '" + property.key() + "' of " + type.getName(), e);
        }
    }

    /** A new instance with {@code values} (by property) for every property. */
    Object create(Map<Property, Object> values) {
        if (canonical != null) {
            Object[] args = new Object[properties.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = values.get(properties.get(i));
            }
            return invoke(canonical, args);
        }
        Object instance = invoke(noArgs);
        for (Property p : properties) {
            try {
                p.field().set(instance, values.get(p));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot set setting '" + p.key() + "' of " + type.getName(), e);
            }
        }
        return instance;
    }

    private Object invoke(Constructor<?> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new SettingsException("Cannot create " + type.getSimpleName() + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new SettingsException("Cannot create " + type.getSimpleName() + ": " + e, e);
        }
    }

    static Object zero(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return null;
        }
        if (raw == boolean.class) {
            return false;
        }
        if (raw == char.class) {
            return '\0';
        }
        if (raw == double.class) {
            return 0.0;
        }
        if (raw == float.class) {
            return 0.0f;
        }
        if (raw == long.class) {
            return 0L;
        }
        if (raw == short.class) {
            return (short) 0;
        }
        if (raw == byte.class) {
            return (byte) 0;
        }
        return 0;
    }

    private static String keyOf(String name, Optional<Setting> setting) {
        return setting.map(Setting::key).filter(k -> !k.isEmpty()).orElseGet(() -> snakeCase(name));
    }

    /** {@code customParam} → {@code custom_param}; names that already hold '_' or no capitals stay as they are. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isUpperCase(ch)) {
                boolean previousLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1)) && name.charAt(i - 1) != '_';
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                        && i > 0 && Character.isUpperCase(name.charAt(i - 1));
                if (previousLower || nextLower) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** {@code custom_param} → {@code Custom Param}, as Python's {@code str.title()} after replacing '_'. */
    static String titleCase(String key) {
        String spaced = key.replace('_', ' ');
        StringBuilder out = new StringBuilder(spaced.length());
        boolean startOfWord = true;
        for (char ch : spaced.toCharArray()) {
            if (Character.isLetter(ch)) {
                out.append(startOfWord ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
                startOfWord = false;
            } else {
                out.append(ch);
                startOfWord = true;
            }
        }
        return out.toString();
    }
}
