package ai.brevetti.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The shell's input when it does not come from a terminal (a pipe, a file, a here-document): lines as they
 * come, except that a line starting with {@code .} (or another binary operator, as {@code bin/brevettiai run}
 * splits a script) is joined to the line above it, so that the jshell tool, which evaluates a line as soon as it
 * is complete, gets a fluent chain written over several lines as one snippet:
 * <pre>
 * var g = samples.generator()
 *     .batchSize(8)          →  var g = samples.generator() .batchSize(8) .map(new ImagePipeline())
 *     .map(new ImagePipeline())
 * </pre>
 * A line is held back while it could be continued: it ends outside any comment or text block, is not a
 * {@code /command}, and its code does not end with {@code ;} or <code>}</code>. Blank lines and {@code //} comment lines
 * between it and the continuation are skipped (as scripts do); a trailing {@code //} comment of the line above is
 * dropped when joining. A held line waits for the next line at most {@code waitMillis} when no input is ready
 * (input typed or written slowly is not held longer). Bytes pass through unchanged otherwise (lines are handled as
 * ISO-8859-1, so any encoding survives; the syntax looked at is ASCII).
 */
final class ChainedLines extends InputStream {
    /** The lines that continue the line above: as {@code SnippetSplitter} in the kernel, without '/' (a command here). */
    static final Pattern CONTINUATION = Pattern.compile("^(\\.[^.]|&&|\\|\\||\\?|:[^:]|\\+[^+]|-[^-]|\\*|==|!=)");

    private enum State { CODE, BLOCK_COMMENT, TEXT_BLOCK }

    /** A line's lexical end state and where its trailing line comment starts (-1: none). */
    private record Scan(State end, int lineComment) {
    }

    private final InputStream in;
    private final long waitMillis;
    private byte[] ready = new byte[0];
    private int pos;
    private String lookahead;
    private State state = State.CODE;

    ChainedLines(InputStream in, long waitMillis) {
        this.in = in;
        this.waitMillis = waitMillis;
    }

    @Override
    public int read() throws IOException {
        while (pos >= ready.length) {
            if (!fill()) {
                return -1;
            }
        }
        return ready[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= ready.length) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, ready.length - pos);
        System.arraycopy(ready, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return ready.length - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes the next line (with what joins it) ready; false at the end of the input. */
    private boolean fill() throws IOException {
        String pending = nextLine(true);
        if (pending == null) {
            return false;
        }
        Scan scan = scan(content(pending), state);
        StringBuilder held = new StringBuilder();
        while (holdable(pending, state, scan)) {
            String next = nextLine(false);
            if (next == null) {
                break;
            }
            String stripped = content(next).strip();
            if (stripped.isEmpty() || stripped.startsWith("//")) {
                held.append(next);
                continue;
            }
            if (!CONTINUATION.matcher(stripped).find()) {
                lookahead = next;
                break;
            }
            String code = content(pending);
            if (scan.lineComment >= 0) {
                code = code.substring(0, scan.lineComment);
            }
            pending = code.stripTrailing() + " " + next.stripLeading();
            held.setLength(0);
            scan = scan(content(pending), state);
        }
        state = scan.end;
        ready = (pending + held).getBytes(StandardCharsets.ISO_8859_1);
        pos = 0;
        return true;
    }

    /** True when the line may go on in the next one: it ends in code, is no command, and its code ends open. */
    private static boolean holdable(String line, State start, Scan scan) {
        if (scan.end != State.CODE) {
            return false;
        }
        String text = content(line);
        String stripped = text.strip();
        if (start == State.CODE && stripped.startsWith("/") && !stripped.startsWith("//") && !stripped.startsWith("/*")) {
            return false;
        }
        String code = (scan.lineComment >= 0 ? text.substring(0, scan.lineComment) : text).strip();
        return !code.isEmpty() && !code.endsWith(";") && !code.endsWith("}");
    }

    /** The line without its line break. */
    private static String content(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return line.substring(0, end);
    }

    /** Where a line leaves the lexer, starting in {@code state}: strings, chars, comments and text blocks. */
    private static Scan scan(String line, State start) {
        State s = start;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            switch (s) {
                case BLOCK_COMMENT -> {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        return new Scan(s, -1);
                    }
                    i = end + 2;
                    s = State.CODE;
                }
                case TEXT_BLOCK -> {
                    if (c == '\\') {
                        i += 2;
                    } else if (line.startsWith("\"\"\"", i)) {
                        i += 3;
                        s = State.CODE;
                    } else {
                        i++;
                    }
                }
                case CODE -> {
                    if (line.startsWith("\"\"\"", i)) {
                        i += 3;
                        s = State.TEXT_BLOCK;
                    } else if (c == '"' || c == '\'') {
                        i = skipQuoted(line, i, c);
                    } else if (line.startsWith("//", i)) {
                        return new Scan(s, i);
                    } else if (line.startsWith("/*", i)) {
                        i += 2;
                        s = State.BLOCK_COMMENT;
                    } else {
                        i++;
                    }
                }
                default -> throw new IllegalStateException(s.toString());
            }
        }
        return new Scan(s, -1);
    }

    /** The index after the string or char literal opened at {@code from} (the line's end when it is not closed). */
    private static int skipQuoted(String line, int from, char quote) {
        int i = from + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return line.length();
    }

    /**
     * The next line with its line break (the last may have none), or null at the end of the input; when not
     * {@code blocking}, also null when no input is ready within {@code waitMillis}.
     */
    private String nextLine(boolean blocking) throws IOException {
        if (lookahead != null) {
            String line = lookahead;
            lookahead = null;
            return line;
        }
        if (!blocking && !inputWithin(waitMillis)) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private boolean inputWithin(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (in.available() <= 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** {@code text} (one or more lines) without the {@code //} comment that ends its last line, if any. */
    static String withoutTrailingComment(String text) {
        int lastLine = text.lastIndexOf('\n') + 1;
        State start = State.CODE;
        for (String line : text.substring(0, lastLine).split("\n", -1)) {
            start = scan(line, start).end;
        }
        Scan last = scan(text.substring(lastLine), start);
        return last.lineComment < 0 ? text : text.substring(0, lastLine + last.lineComment).stripTrailing();
    }

    /** Joins the continuation lines of a whole UTF-8 text at once (all input is ready). */
    static String join(String text) {
        try (ChainedLines lines = new ChainedLines(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 0)) {
            return new String(lines.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
