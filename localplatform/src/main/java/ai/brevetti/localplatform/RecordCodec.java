package ai.brevetti.localplatform;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes and reads a record of strings, lists of strings and booleans (the platform's {@link ModelRecord} and
 * {@link DatasetRecord}) field by field in a binary stream, by its components: every component is written,
 * so a record that gains one is written whole, and {@link #schema} names them, so a file written before a
 * component changed is known by its schema rather than read wrongly. Also strings of any length (null
 * kept) and the scalar maps of output metrics. For {@link RunIndexFile}, where parsing JSON at start would
 * cost more than the rest of the first page.
 */
final class RecordCodec<T extends Record> {
    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;

    RecordCodec(Class<T> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (types[i] != String.class && types[i] != List.class && types[i] != boolean.class) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + components[i].getName() + " is a " + types[i].getSimpleName()
                        + ": the codec writes strings, lists of strings and booleans");
            }
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record's name and its components' names and types: what a file written with this codec was written as. */
    String schema() {
        StringJoiner out = new StringJoiner(",", type.getSimpleName() + "(", ")");
        for (RecordComponent c : components) {
            out.add(c.getName() + ":" + c.getType().getSimpleName());
        }
        return out.toString();
    }

    void write(DataOutputStream out, T value) throws IOException {
        for (RecordComponent c : components) {
            Object v;
            try {
                v = c.getAccessor().invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            if (c.getType() == boolean.class) {
                out.writeBoolean((Boolean) v);
            } else if (c.getType() == String.class) {
                writeString(out, (String) v);
            } else {
                List<?> list = (List<?>) v;
                out.writeInt(list == null ? -1 : list.size());
                for (Object item : list == null ? List.of() : list) {
                    writeString(out, (String) item);
                }
            }
        }
    }

    T read(DataInputStream in) throws IOException {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            if (t == boolean.class) {
                args[i] = in.readBoolean();
            } else if (t == String.class) {
                args[i] = readString(in);
            } else {
                int n = in.readInt();
                List<String> list = n < 0 ? null : new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    list.add(readString(in));
                }
                args[i] = list;
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IOException("a " + type.getSimpleName() + " cannot be made of what the file holds: " + e.getCause(), e);
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > in.available()) {
            throw new IOException("a string of " + n + " bytes where " + in.available() + " are left");
        }
        return n < 0 ? null : new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** A map of names to scalars (numbers of Jackson's types, strings, booleans), each value's type kept. */
    static void writeScalars(DataOutputStream out, Map<String, Object> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Object> e : map.entrySet()) {
            writeString(out, e.getKey());
            Object v = e.getValue();
            if (v instanceof Integer i) {
                out.writeByte('I');
                out.writeInt(i);
            } else if (v instanceof Long l) {
                out.writeByte('L');
                out.writeLong(l);
            } else if (v instanceof Double d) {
                out.writeByte('D');
                out.writeDouble(d);
            } else if (v instanceof Boolean b) {
                out.writeByte('B');
                out.writeBoolean(b);
            } else if (v instanceof BigInteger b) {
                out.writeByte('G');
                writeString(out, b.toString());
            } else if (v instanceof BigDecimal b) {
                out.writeByte('M');
                writeString(out, b.toString());
            } else if (v instanceof Float f) {
                out.writeByte('F');
                out.writeFloat(f);
            } else if (v instanceof String s) {
                out.writeByte('S');
                writeString(out, s);
            } else {
                throw new IllegalArgumentException("The metric " + e.getKey() + " is a " + (v == null ? "null" : v.getClass().getSimpleName())
                        + ", not a scalar");
            }
        }
    }

    static Map<String, Object> readScalars(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a map of " + n + " entries where " + in.available() + " bytes are left");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            int tag = in.readByte();
            out.put(key, switch (tag) {
                case 'I' -> in.readInt();
                case 'L' -> in.readLong();
                case 'D' -> in.readDouble();
                case 'B' -> in.readBoolean();
                case 'G' -> new BigInteger(readString(in));
                case 'M' -> new BigDecimal(readString(in));
                case 'F' -> in.readFloat();
                case 'S' -> readString(in);
                default -> throw new IOException("an unknown value type " + tag);
            });
        }
        return out;
    }
}
