package ai.brevetti.kernel;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Finds the syntax errors of a whole script or cell before any of it runs, so a typo on line 14 does not
 * leave a job half done. The source is split into snippets as the {@link Evaluator} splits it, and every
 * snippet is parsed (parsed only: no symbols are resolved, so a name defined by an earlier snippet is no
 * error) by javac, the way JShell wraps it: as a statement, as a class member or as an import, whichever
 * parses; a snippet none of them parses is reported with the diagnostics of the one that got furthest,
 * once JShell agrees that it is erroneous (so nothing JShell accepts is ever rejected here). Files a
 * {@code /open} names are checked too. Errors that need the earlier snippets' state (an unknown symbol,
 * a type mismatch) are left to the evaluation, which reports them at their line.
 */
final class SyntaxCheck implements AutoCloseable {
    /** javac's "not a statement": JShell takes a bare expression ({@code x}) as a snippet, so this is no syntax error here. */
    private static final String NOT_A_STATEMENT = "compiler.err.not.stmt";

    /**
     * javac's "'var' is not allowed here": JShell takes {@code var} (with modifiers, too) for its top-level
     * variables, which the class-member reading makes fields.
     */
    private static final String VAR_NOT_ALLOWED = "compiler.err.restricted.type.not.allowed.here";

    /** The ways JShell may read a snippet, tried in this order. */
    private enum Wrap {
        STATEMENT("class $Syntax {\nvoid $run() throws Throwable {\n", "\n}\n}\n"),
        /** An expression as the last line of a cell or script, which JShell takes without its ';'. */
        EXPRESSION("class $Syntax {\nvoid $run() throws Throwable {\n", "\n;\n}\n}\n"),
        MEMBER("class $Syntax {\n", "\n}\n"),
        IMPORT("", "\nclass $Syntax {\n}\n");

        final String prefix;
        final String suffix;

        Wrap(String prefix, String suffix) {
            this.prefix = prefix;
            this.suffix = suffix;
        }
    }

    /** One syntax error: the source, its 1-based line, the 0-based column, javac's message and the line's text. */
    record SyntaxError(String sourceName, int line, int column, String message, String sourceLine) {
        /** {@code job.jsh:14: error: ';' expected}, the line and a caret under the column. */
        List<String> lines() {
            return List.of(sourceName + ":" + line + ": error: " + message, sourceLine, " ".repeat(column) + "^");
        }
    }

    /** A snippet to parse: its text, where it starts, and whether it is the incomplete end of its source. */
    private record Unit(String text, String sourceName, int line, boolean incomplete) {
    }

    private final SourceCodeAnalysis analysis;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    /** Runs the javac parses beside JShell's own work. */
    private final ExecutorService parser = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "syntax check");
        thread.setDaemon(true);
        return thread;
    });
    SyntaxCheck(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * A check under way: javac parses the snippets on a thread of its own (so a script's check overlaps
     * loading startup.jsh); {@link #errors} waits for it and has JShell confirm what javac rejects.
     */
    final class Pending {
        private final List<Unit> units;
        private final Future<Map<Unit, List<SyntaxError>>> rejected;

        private Pending(List<Unit> units) {
            this.units = units;
            this.rejected = javac == null ? CompletableFuture.completedFuture(Map.of()) : parser.submit(() -> parse(units));
        }

        /**
         * The syntax errors, in source order; empty when it all parses. Call it on the thread that uses
         * JShell (it asks JShell about the snippets javac rejects).
         */
        List<SyntaxError> errors() {
            Map<Unit, List<SyntaxError>> candidates;
            try {
                candidates = rejected.get();
            } catch (ExecutionException | InterruptedException | CancellationException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                candidates = Map.of(); // no check: JShell reports the errors as it runs the snippets
            }
            List<SyntaxError> errors = new ArrayList<>();
            for (Unit unit : units) {
                List<SyntaxError> unitErrors = candidates.get(unit);
                if (unitErrors != null && jshellRejects(unit.text())) {
                    errors.addAll(unitErrors);
                }
                if (unit.incomplete()) {
                    errors.add(new SyntaxError(unit.sourceName(), unit.line(), 0, "the snippet starting here is not complete at the end"
                            + " of the source (a missing ';', ')' or '}'?)", unit.text().strip().split("\n", 2)[0]));
                }
            }
            return dedupe(errors);
        }
    }

    /**
     * Starts checking a source split into {@code pieces} and the files its {@code /open} commands name
     * (relative to {@code sourceName}'s folder, as {@link Evaluator} resolves them). Call it on the thread
     * that uses JShell (the opened files are split by JShell's source analysis).
     */
    Pending start(List<SnippetSplitter.Piece> pieces, String sourceName) {
        List<Unit> units = new ArrayList<>();
        collect(pieces, sourceName, units, new HashSet<>());
        return new Pending(units);
    }

    private void collect(List<SnippetSplitter.Piece> pieces, String sourceName, List<Unit> units, Set<Path> opened) {
        for (SnippetSplitter.Piece piece : pieces) {
            switch (piece.kind()) {
                case SNIPPET -> units.add(new Unit(piece.text(), sourceName, piece.line(), false));
                case INCOMPLETE -> units.add(new Unit(piece.text(), sourceName, piece.line(), true));
                case COMMAND -> {
                    String[] parts = piece.text().split("\\s+", 2);
                    if (parts[0].equals("/open") && parts.length > 1) {
                        Path base = Path.of(sourceName).toAbsolutePath().getParent();
                        Path file = (base == null ? Path.of(parts[1].strip()) : base.resolve(parts[1].strip())).normalize();
                        if (opened.add(file) && Files.isRegularFile(file)) {
                            try {
                                collect(SnippetSplitter.split(analysis, ScriptText.read(file), 1), file.toString(), units, opened);
                            } catch (SnippetFailure | RuntimeException unreadable) {
                                // reported when the /open runs
                            }
                        }
                    }
                }
            }
        }
    }

    /** A unit's errors when read in one way, and how far into the unit the first one is. */
    private record Attempt(Wrap wrap, List<Diagnostic<? extends JavaFileObject>> errors, long reach) {
    }

    /**
     * Parses every unit in each way still needed: the errors of the units no way parses, from the way
     * that got furthest into the unit before its first error.
     */
    private Map<Unit, List<SyntaxError>> parse(List<Unit> units) {
        Map<Unit, Attempt> furthest = new IdentityHashMap<>();
        List<Unit> failing = units;
        for (Wrap wrap : Wrap.values()) {
            if (failing.isEmpty()) {
                break;
            }
            Map<Unit, List<Diagnostic<? extends JavaFileObject>>> errors = parse(failing, wrap);
            List<Unit> still = new ArrayList<>();
            for (Unit unit : failing) {
                List<Diagnostic<? extends JavaFileObject>> diags = errors.get(unit);
                if (diags != null) {
                    long reach = diags.stream().mapToLong(Diagnostic::getPosition).min().orElse(0) - wrap.prefix.length();
                    furthest.merge(unit, new Attempt(wrap, diags, reach), (a, b) -> b.reach() > a.reach() ? b : a);
                    still.add(unit);
                }
            }
            failing = still;
        }
        Map<Unit, List<SyntaxError>> out = new IdentityHashMap<>();
        for (Unit unit : failing) {
            Attempt attempt = furthest.get(unit);
            out.put(unit, attempt.errors().stream().map(d -> error(unit, attempt.wrap(), d)).toList());
        }
        return out;
    }

    /** The syntax errors of each unit read in one way: one javac parse of all of them. */
    private Map<Unit, List<Diagnostic<? extends JavaFileObject>>> parse(List<Unit> units, Wrap wrap) {
        Map<JavaFileObject, Unit> byFile = new IdentityHashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            JavaFileObject file = new Source("Snippet" + i, wrap.prefix + units.get(i).text() + wrap.suffix);
            byFile.put(file, units.get(i));
            sources.add(file);
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) javac.getTask(null, null, collector, List.of("-proc:none", "-Xlint:none"), null, sources);
        try {
            task.parse();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // the parser failed by itself: leave the snippets to JShell
        }
        Map<Unit, List<Diagnostic<? extends JavaFileObject>>> errors = new IdentityHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            Unit unit = byFile.get(d.getSource());
            if (unit == null || d.getKind() != Diagnostic.Kind.ERROR || NOT_A_STATEMENT.equals(d.getCode())
                    || (wrap == Wrap.MEMBER && VAR_NOT_ALLOWED.equals(d.getCode()))) {
                continue;
            }
            errors.computeIfAbsent(unit, u -> new ArrayList<>()).add(d);
        }
        return errors;
    }

    /** Whether JShell, too, takes the snippet for erroneous (it would not run it). */
    private boolean jshellRejects(String text) {
        try {
            return analysis.sourceToSnippets(text).stream().anyMatch(s -> s.kind() == Snippet.Kind.ERRONEOUS);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static SyntaxError error(Unit unit, Wrap wrap, Diagnostic<? extends JavaFileObject> d) {
        String text = unit.text();
        long at = d.getPosition() == Diagnostic.NOPOS ? d.getStartPosition() : d.getPosition();
        // an error after the snippet's end (in the wrapping) shows at its last character
        int position = (int) Math.max(0, Math.min(at - wrap.prefix.length(), text.stripTrailing().length()));
        int lineStart = text.lastIndexOf('\n', position - 1) + 1;
        int lineEnd = text.indexOf('\n', position);
        String sourceLine = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        String message = d.getMessage(Locale.ROOT).split("\n")[0];
        return new SyntaxError(unit.sourceName(), unit.line() + SnippetSplitter.count(text, position), position - lineStart, message,
                sourceLine);
    }

    /**
     * The errors as one failure: the first as the report's first line with its source line and caret, then
     * every further one, then that nothing was run.
     */
    static SnippetFailure failure(List<SyntaxError> errors, String sourceName) {
        SyntaxError first = errors.get(0);
        List<String> details = new ArrayList<>(first.lines().subList(1, 3));
        for (SyntaxError e : errors.subList(1, errors.size())) {
            details.addAll(e.lines());
        }
        details.add(errors.size() + (errors.size() == 1 ? " syntax error" : " syntax errors") + ", found before running: nothing of "
                + sourceName + " was run");
        return new SnippetFailure(first.sourceName(), first.line(), "error: " + first.message(), details, null);
    }

    private static List<SyntaxError> dedupe(List<SyntaxError> errors) {
        Set<String> seen = new HashSet<>();
        List<SyntaxError> out = new ArrayList<>();
        for (SyntaxError e : errors) {
            if (seen.add(e.sourceName() + ":" + e.line() + ":" + e.column() + ":" + e.message())) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        parser.shutdownNow();
    }

    /** A snippet's wrapped text as a compilation unit in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String name, String text) {
            super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
