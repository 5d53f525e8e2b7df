package ai.brevetti.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Splits a script or cell into the snippets JShell evaluates one by one, as the jshell tool does: line by
 * line, a snippet ending where JShell's source analysis finds it complete, so a cell's last expression
 * without ';' stays separate from what follows; a line starting with '.' (or another binary operator)
 * continues the expression above it (fluent chains). A line starting with '/' (not a comment) is a
 * command. Splitting needs syntax only, not the state of earlier snippets, so a whole source can be
 * split (and checked) before any of it runs.
 */
final class SnippetSplitter {
    private static final Pattern CONTINUATION = Pattern.compile("^(\\.[^.]|&&|\\|\\||\\?|:[^:]|\\+[^+]|-[^-]|\\*|/[^/*]|==|!=)");

    enum Kind {
        /** A complete snippet, its text as JShell evaluates it (a missing final ';' added). */
        SNIPPET,
        /** A command line such as {@code /exit 2} or {@code /open lib.jsh}, stripped. */
        COMMAND,
        /** The end of the source holds a snippet that is not complete (a missing ';', ')' or '}'). */
        INCOMPLETE
    }

    /** One snippet or command and the source line it starts at. */
    record Piece(Kind kind, String text, int line) {
    }

    private SnippetSplitter() {}

    static List<Piece> split(SourceCodeAnalysis analysis, String source, int firstLine) {
        List<Piece> pieces = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        StringBuilder buffer = new StringBuilder();
        int bufferStart = firstLine;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = firstLine + i;
            if (buffer.length() == 0) {
                String stripped = line.strip();
                if (stripped.startsWith("/") && !stripped.startsWith("//") && !stripped.startsWith("/*")) {
                    pieces.add(new Piece(Kind.COMMAND, stripped, lineNo));
                    continue;
                }
                if (stripped.isEmpty()) {
                    continue;
                }
                bufferStart = lineNo;
            }
            buffer.append(line).append('\n');
            while (buffer.length() > 0) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(buffer.toString());
                SourceCodeAnalysis.Completeness c = info.completeness();
                if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                    buffer.setLength(0);
                    break;
                }
                if (!c.isComplete() && c != SourceCodeAnalysis.Completeness.UNKNOWN) {
                    break;
                }
                if (info.remaining().isBlank() && endsOpen(buffer) && continues(lines, i + 1)) {
                    break;
                }
                int consumed = buffer.length() - info.remaining().length();
                pieces.add(new Piece(Kind.SNIPPET, info.source(), bufferStart));
                bufferStart += count(buffer, consumed);
                buffer.delete(0, consumed);
                if (buffer.toString().isBlank()) {
                    buffer.setLength(0);
                }
            }
        }
        if (buffer.length() > 0 && !buffer.toString().isBlank()) {
            pieces.add(new Piece(Kind.INCOMPLETE, buffer.toString(), bufferStart));
        }
        return pieces;
    }

    /** True when the text does not end a statement or block (no ';' or '}' at its end): the next line may go on with it. */
    private static boolean endsOpen(CharSequence buffer) {
        String text = buffer.toString().strip();
        return !text.isEmpty() && !text.endsWith(";") && !text.endsWith("}");
    }

    private static boolean continues(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            String s = lines[j].strip();
            if (s.isEmpty() || s.startsWith("//")) {
                continue;
            }
            return CONTINUATION.matcher(s).find();
        }
        return false;
    }

    /** The number of line breaks in {@code text} before {@code end}. */
    static int count(CharSequence text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
