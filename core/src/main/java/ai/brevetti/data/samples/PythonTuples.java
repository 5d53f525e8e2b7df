package ai.brevetti.data.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code category} cell of the SDK's sample files: the Python {@code repr} of a tuple of class names,
 * {@code ('good',)} or {@code ('a', 'b')}, written exactly as Python writes it and read back, with the
 * simpler forms the SDK also reads: a list ({@code ['a', 'b']}, JSON's {@code ["a", "b"]}), a bare name
 * ({@code good}), names joined by '|' ({@code a|b}), or nothing (no class).
 */
final class PythonTuples {
    private PythonTuples() {}

    /** Python's {@code repr(tuple(classes))}. */
    static String format(List<String> classes) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < classes.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(repr(classes.get(i)));
        }
        return out.append(classes.size() == 1 ? ",)" : ")").toString();
    }

    /** Python's {@code repr(text)}: single quotes unless the text has one and no double quote; escapes as Python's. */
    static String repr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        text.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (printable(c)) {
                out.appendCodePoint(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        });
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one character: not a control, format, surrogate, private, unassigned or separator (but ' '). */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && type != Character.UNASSIGNED && type != Character.SPACE_SEPARATOR && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * The classes of a category cell in any of the accepted forms.
     *
     * @throws IllegalArgumentException saying what is wrong with the cell
     */
    static List<String> parse(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return List.of();
        }
        char open = s.charAt(0);
        if (open != '(' && open != '[') {
            return Samples.categories(s);
        }
        char close = open == '(' ? ')' : ']';
        List<String> classes = new ArrayList<>();
        int[] at = {1};
        skipSpace(s, at);
        boolean needComma = false;
        while (true) {
            if (at[0] >= s.length()) {
                throw new IllegalArgumentException("'" + cell + "' has no closing " + close);
            }
            char c = s.charAt(at[0]);
            if (c == close) {
                at[0]++;
                break;
            }
            if (needComma) {
                if (c != ',') {
                    throw new IllegalArgumentException("'" + cell + "' needs a ',' between class names at character " + (at[0] + 1));
                }
                at[0]++;
                skipSpace(s, at);
                needComma = false;
                continue;
            }
            if (c != '\'' && c != '"') {
                throw new IllegalArgumentException("'" + cell + "': a class name must be quoted ('good'), found '" + c
                        + "' at character " + (at[0] + 1));
            }
            classes.add(string(s, at, cell));
            skipSpace(s, at);
            needComma = true;
        }
        skipSpace(s, at);
        if (at[0] != s.length()) {
            throw new IllegalArgumentException("'" + cell + "' goes on after its closing " + close);
        }
        // ('good') is a string in Python, not a tuple: read it as that one class too
        return List.copyOf(classes);
    }

    private static void skipSpace(String s, int[] at) {
        while (at[0] < s.length() && Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    /** A Python (or JSON) string literal starting at {@code at}; {@code at} moves past it. */
    private static String string(String s, int[] at, String cell) {
        char quote = s.charAt(at[0]++);
        StringBuilder out = new StringBuilder();
        while (at[0] < s.length()) {
            char c = s.charAt(at[0]++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at[0] >= s.length()) {
                break;
            }
            char e = s.charAt(at[0]++);
            switch (e) {
                case '\\', '\'', '"', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case '0' -> out.append('\0');
                case 'x' -> out.appendCodePoint(hex(s, at, 2, cell));
                case 'u' -> out.appendCodePoint(hex(s, at, 4, cell));
                case 'U' -> out.appendCodePoint(hex(s, at, 8, cell));
                default -> throw new IllegalArgumentException("'" + cell + "' has an unknown escape \\" + e);
            }
        }
        throw new IllegalArgumentException("'" + cell + "' has a class name without its closing " + quote);
    }

    private static int hex(String s, int[] at, int digits, String cell) {
        if (at[0] + digits > s.length()) {
            throw new IllegalArgumentException("'" + cell + "' has a cut-off escape");
        }
        try {
            int c = Integer.parseInt(s.substring(at[0], at[0] + digits), 16);
            at[0] += digits;
            if (!Character.isValidCodePoint(c)) {
                throw new NumberFormatException();
            }
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cell + "' has a bad escape: " + s.substring(at[0] - 2, Math.min(s.length(), at[0] + digits)));
        }
    }
}
