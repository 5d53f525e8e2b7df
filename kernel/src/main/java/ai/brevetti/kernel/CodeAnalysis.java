package ai.brevetti.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;

/**
 * Completion, documentation and completeness of notebook cells through JShell's source analysis. A
 * cell holds several snippets; JShell analyses one, so requests are answered on the snippet the cursor
 * is in.
 */
final class CodeAnalysis {
    private final Evaluator evaluator;

    CodeAnalysis(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    private SourceCodeAnalysis analysis() {
        return evaluator.analysis();
    }

    /** Where the snippet holding {@code cursor} starts: after the complete snippets that end before it. */
    int snippetStart(String code, int cursor) {
        int start = 0;
        while (start < cursor) {
            String rest = code.substring(start);
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0 || start + consumed >= cursor) {
                break;
            }
            start += consumed;
        }
        return start;
    }

    /** Completions at {@code cursor}: type-matching ones first, no duplicates. */
    ReplacementOptions complete(String code, int cursor) {
        int at = clamp(code, cursor);
        int start = snippetStart(code, at);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis().completionSuggestions(code.substring(start), at - start, anchor);
        Set<String> options = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> options.add(s.continuation()));
        suggestions.forEach(s -> options.add(s.continuation()));
        return new ReplacementOptions(new ArrayList<>(options), start + anchor[0], at);
    }

    /** Signatures (and javadoc when {@code detail} and the JDK has its sources) at {@code cursor}, or null. */
    String documentation(String code, int cursor, boolean detail) {
        int at = clamp(code, cursor);
        int start = snippetStart(code, at);
        List<SourceCodeAnalysis.Documentation> docs = analysis().documentation(code.substring(start), at - start, detail);
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(d.signature());
            if (detail && d.javadoc() != null && !d.javadoc().isBlank()) {
                out.append('\n').append(d.javadoc().strip()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Jupyter's is_complete: {@code complete}, {@code invalid} (let the user run it and see the error), or
     * the indent of the next line when the cell needs more (an open block, an unfinished expression).
     */
    String isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return indent(code);
            }
            if (c == Completeness.UNKNOWN) {
                return BaseKernel.IS_COMPLETE_BAD;
            }
            if (info.remaining().length() >= rest.length()) {
                break;
            }
            rest = info.remaining();
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    private static String indent(String code) {
        String[] lines = code.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String lead = line.substring(0, line.length() - line.stripLeading().length());
            String end = line.strip();
            return end.endsWith("{") || end.endsWith("(") ? lead + "    " : lead;
        }
        return "";
    }

    private static int clamp(String code, int cursor) {
        return Math.max(0, Math.min(cursor, code.length()));
    }
}
