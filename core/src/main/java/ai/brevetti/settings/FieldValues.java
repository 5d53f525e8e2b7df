package ai.brevetti.settings;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Coerces a settings value to what its schema field holds (Python's {@code vue_dtype}). */
final class FieldValues {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private FieldValues() {}

    /**
     * @param source names the value in errors: a settings key ({@code custom.custom_param}) or a flag
     */
    static Object coerce(SchemaField field, Object value, String source) {
        if (value == null) {
            return null;
        }
        if (field.isNumber()) {
            return value instanceof String text ? parseNumber(text, source) : value;
        }
        if (field.isJson() || "checklist".equals(field.type())) {
            return value instanceof String text ? parseJson(text, source) : value;
        }
        if ("checkbox".equals(field.type())) {
            if (value instanceof String text) {
                return parseBoolean(text, source);
            }
            if (value instanceof Number n) {
                return n.doubleValue() != 0;
            }
            return value;
        }
        if ("input".equals(field.type()) || "textArea".equals(field.type())) {
            return value instanceof String ? value : value instanceof Number || value instanceof Boolean ? String.valueOf(value) : value;
        }
        return value;
    }

    static Number parseNumber(String text, String source) {
        String t = text.trim();
        try {
            if (INTEGER.matcher(t).matches()) {
                long l = Long.parseLong(t);
                return l == (int) l ? (Number) (int) l : (Number) l;
            }
            double d = Double.parseDouble(t);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SettingsException(source + ": expected a number but got '" + text + "'");
        }
    }

    static Object parseJson(String text, String source) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new SettingsException(source + ": expected JSON but got '" + text + "' ("
                    + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** Python's {@code str2bool}: yes/true/t/y/1 and no/false/f/n/0, any case. */
    static boolean parseBoolean(String text, String source) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "t", "y", "1":
                return true;
            case "no", "false", "f", "n", "0":
                return false;
            default:
                throw new SettingsException(source + ": expected a boolean (yes/true/1 or no/false/0) but got '" + text + "'");
        }
    }
}
