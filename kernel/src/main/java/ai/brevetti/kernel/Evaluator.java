package ai.brevetti.kernel;

import ai.brevetti.internal.ErrorReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates Java snippets in this JVM through JShell: scripts ({@code .jsh} jobs), notebook cells and the
 * startup script. Source is split into snippets as the jshell tool does, line by line, so a cell's last
 * expression without ';' stays separate from what follows; a line starting with '.' continues the
 * expression above it (fluent chains) ({@link SnippetSplitter}). The whole source's syntax is checked
 * before any of it runs ({@link SyntaxCheck}): syntax errors anywhere end it with every one named. Then
 * evaluation stops at the first snippet that fails to compile or throws, with a {@link SnippetFailure}
 * naming the source line.
 */
public final class Evaluator implements AutoCloseable {
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");

    /** Where a snippet came from. */
    private record Location(String source, int line) {
    }

    /** The value of the last snippet evaluated, when it was an expression. */
    public record Value(Object object, String text) {
    }

    private final CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
    private final JShell shell;
    private final SyntaxCheck syntax;
    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    /** How many {@link #eval} calls are running (an {@code /open} nests one). */
    private final AtomicInteger depth = new AtomicInteger();
    /** Set by {@link #stop()} while evaluating; the evaluation ends at the next snippet boundary. */
    private volatile boolean stopRequested;
    /** Counts top-level evaluations, so a repeated stop ends with the evaluation it was meant for. */
    private long evaluation;
    private final Object stopLock = new Object();

    public Evaluator() {
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions("-Xlint:-options")
                .build();
        this.syntax = new SyntaxCheck(shell.sourceCodeAnalysis());
    }

    /** The underlying JShell (completion, documentation, variables). */
    public JShell jshell() {
        return shell;
    }

    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /** Evaluates the project's startup.jsh. */
    public void loadStartup() throws SnippetFailure {
        try {
            eval(StartupScript.source(), StartupScript.name(), 1);
        } catch (ExitRequest e) {
            // an /exit in the startup script ends nothing
        }
    }

    /** Evaluates a file; {@code /open} inside it resolves against its folder. */
    public Optional<Value> evalFile(Path file) throws SnippetFailure, ExitRequest {
        return eval(ScriptText.read(file), file.toString(), 1);
    }

    /**
     * Checks the syntax of every snippet of {@code source} (and of the files its {@code /open} commands
     * name) without running anything: a {@link SnippetFailure} listing every syntax error with its line.
     * Errors that need the earlier snippets' state (unknown symbols, types) are not found here; the
     * evaluation reports them at their line.
     */
    public void checkSyntax(String source, String sourceName, int firstLine) throws SnippetFailure {
        prepare(source, sourceName, firstLine).check();
    }

    /**
     * A source split into snippets and commands, its syntax being checked (javac parses on a thread of its
     * own, so a script's check overlaps loading startup.jsh): {@link #eval(Prepared)} runs it once the check
     * is through.
     */
    static final class Prepared {
        private final String sourceName;
        private final List<SnippetSplitter.Piece> pieces;
        private final SyntaxCheck.Pending syntax;

        private Prepared(String sourceName, List<SnippetSplitter.Piece> pieces, SyntaxCheck.Pending syntax) {
            this.sourceName = sourceName;
            this.pieces = pieces;
            this.syntax = syntax;
        }

        /** Waits for the syntax check: a failure listing every syntax error, or nothing. */
        void check() throws SnippetFailure {
            List<SyntaxCheck.SyntaxError> errors = syntax.errors();
            if (!errors.isEmpty()) {
                throw SyntaxCheck.failure(errors, sourceName);
            }
        }
    }

    /** Splits {@code source} into snippets and starts checking its syntax; nothing runs. */
    Prepared prepare(String source, String sourceName, int firstLine) {
        List<SnippetSplitter.Piece> pieces = SnippetSplitter.split(analysis(), source, firstLine);
        return new Prepared(sourceName, pieces, syntax.start(pieces, sourceName));
    }

    /**
     * Evaluates every snippet of {@code source}, once its syntax is checked ({@link #checkSyntax}): a
     * syntax error anywhere in it ends the evaluation before its first snippet runs.
     *
     * @param sourceName names the source in failures ({@code job.jsh}, {@code cell 3})
     * @param firstLine the line number of the source's first line
     * @return the value of the last snippet when it was an expression
     * @throws SnippetFailure at syntax errors (nothing run), or at the first snippet that does not compile or throws
     * @throws ExitRequest at an {@code /exit} command
     */
    public Optional<Value> eval(String source, String sourceName, int firstLine) throws SnippetFailure, ExitRequest {
        begin();
        try {
            return run(prepare(source, sourceName, firstLine));
        } finally {
            depth.decrementAndGet();
        }
    }

    /** Evaluates a {@link #prepare prepared} source: its syntax errors, or its snippets' results. */
    Optional<Value> eval(Prepared source) throws SnippetFailure, ExitRequest {
        begin();
        try {
            return run(source);
        } finally {
            depth.decrementAndGet();
        }
    }

    private void begin() {
        synchronized (stopLock) {
            if (depth.getAndIncrement() == 0) {
                stopRequested = false;
                evaluation++;
            }
        }
    }

    private Optional<Value> run(Prepared source) throws SnippetFailure, ExitRequest {
        source.check();
        String sourceName = source.sourceName;
        Optional<Value> last = Optional.empty();
        for (SnippetSplitter.Piece piece : source.pieces) {
            switch (piece.kind()) {
                case COMMAND -> last = command(piece.text(), sourceName, piece.line());
                case SNIPPET -> last = evalSnippet(piece.text(), sourceName, piece.line());
                case INCOMPLETE -> {
                    evalSnippet(piece.text(), sourceName, piece.line());
                    throw new SnippetFailure(sourceName, piece.line(), "error: the snippet is not complete at the end of the source"
                            + " (a missing ';', ')' or '}'?)", List.of(), null);
                }
            }
        }
        return last;
    }

    private Optional<Value> command(String command, String sourceName, int line) throws SnippetFailure, ExitRequest {
        String[] parts = command.split("\\s+", 2);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0]) {
            case "/exit":
                throw new ExitRequest(argument.isEmpty() ? 0 : exitCode(argument, sourceName, line));
            case "/open":
                Path base = Path.of(sourceName).toAbsolutePath().getParent();
                Path file = base == null ? Path.of(argument) : base.resolve(argument);
                return evalFile(file);
            default:
                throw new SnippetFailure(sourceName, line, "error: unsupported command " + parts[0]
                        + " (scripts are Java snippets; only /exit [code] and /open FILE are understood)", List.of(), null);
        }
    }

    private int exitCode(String expression, String sourceName, int line) throws SnippetFailure {
        if (expression.matches("-?\\d+")) {
            return Integer.parseInt(expression);
        }
        Optional<Value> v = evalSnippet("(int) (" + expression + ")", sourceName, line);
        try {
            return Integer.parseInt(v.map(Value::text).orElse(""));
        } catch (NumberFormatException e) {
            throw new SnippetFailure(sourceName, line, "error: /exit needs an int expression, got " + expression, List.of(), null);
        }
    }

    private Optional<Value> evalSnippet(String source, String sourceName, int startLine) throws SnippetFailure {
        checkStopped(sourceName, startLine);
        List<SnippetEvent> events = shell.eval(source);
        // a stopped snippet comes back as VALID without an exception (JDK 17): the flag tells
        checkStopped(sourceName, startLine);
        Optional<Value> value = Optional.empty();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            locations.put(snippet.id(), new Location(sourceName, startLine));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileFailure(snippet, source, sourceName, startLine);
            }
            if (event.exception() != null) {
                throw runtimeFailure(event.exception(), snippet, sourceName, startLine);
            }
            value = valueOf(snippet, event);
        }
        return value;
    }

    private Optional<Value> valueOf(Snippet snippet, SnippetEvent event) {
        VarSnippet variable = null;
        if (snippet instanceof VarSnippet v && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            variable = v;
        } else if (snippet instanceof ExpressionSnippet e && snippet.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            variable = shell.variables().filter(v -> v.name().equals(e.name()))
                    .filter(v -> shell.status(v).isActive()).reduce((a, b) -> b).orElse(null);
        }
        if (variable == null) {
            return Optional.empty();
        }
        String text = shell.varValue(variable);
        CapturingExecutionControl engine = provider.engine();
        return Optional.of(new Value(engine == null ? text : engine.takeLastValue(), text));
    }

    private SnippetFailure compileFailure(Snippet snippet, String source, String sourceName, int startLine) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
        if (errors.isEmpty()) {
            return new SnippetFailure(sourceName, startLine, "error: the snippet was rejected", List.of(), null);
        }
        Diag first = errors.get(0);
        int position = (int) Math.max(0, Math.min(first.getStartPosition(), source.length()));
        int line = startLine + SnippetSplitter.count(source, position);
        int lineStart = source.lastIndexOf('\n', position - 1) + 1;
        int lineEnd = source.indexOf('\n', position);
        String sourceLine = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        List<String> details = new ArrayList<>();
        String[] messageLines = first.getMessage(Locale.ROOT).split("\n");
        for (int i = 1; i < messageLines.length; i++) {
            details.add(messageLines[i]);
        }
        details.add(sourceLine);
        details.add(" ".repeat(Math.max(0, position - lineStart)) + "^");
        for (int i = 1; i < errors.size(); i++) {
            Diag d = errors.get(i);
            int p = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
            details.add(sourceName + ":" + (startLine + SnippetSplitter.count(source, p)) + ": error: " + d.getMessage(Locale.ROOT).split("\n")[0]);
        }
        return new SnippetFailure(sourceName, line, "error: " + messageLines[0], details, null);
    }

    private SnippetFailure runtimeFailure(JShellException exception, Snippet snippet, String sourceName, int startLine) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            List<String> missing = shell.unresolvedDependencies(unresolved.getSnippet()).toList();
            return new SnippetFailure(sourceName, startLine, "error: " + unresolved.getSnippet().source().strip().split("\n")[0]
                    + " uses " + String.join(", ", missing) + ", which is not defined", List.of(), null);
        }
        String className = exception instanceof EvalException e ? e.getExceptionClassName() : exception.getClass().getName();
        int line = startLine;
        for (StackTraceElement frame : exception.getStackTrace()) {
            if (("#" + snippet.id()).equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                line = startLine + frame.getLineNumber() - 1;
                break;
            }
        }
        List<String> details = new ArrayList<>();
        List<String> userFrames = new ArrayList<>();
        appendFrames(details, userFrames, exception);
        Throwable cause = exception.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            details.add("Caused by: " + className(cause) + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            appendFrames(details, null, cause);
        }
        // the project's exceptions say in their message what their cause means
        List<String> causes = className.startsWith("ai.brevetti.") || ErrorReport.explainsItsCauses(exception) ? List.of()
                : ErrorReport.causes(exception, c -> simpleName(className(c)));
        return SnippetFailure.thrown(sourceName, line, className, exception.getMessage(), causes, userFrames, details);
    }

    private static String className(Throwable t) {
        return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * The frames down to the last one of user code, user frames shown as {@code source:line}; those also go
     * to {@code user} when given.
     */
    private void appendFrames(List<String> out, List<String> user, Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        int lastUser = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getFileName() != null && frames[i].getFileName().startsWith("#")) {
                lastUser = i;
            }
        }
        int end = lastUser >= 0 ? lastUser + 1 : Math.min(frames.length, 8);
        for (int i = 0; i < end; i++) {
            StackTraceElement f = frames[i];
            Matcher m = f.getFileName() == null ? null : SNIPPET_FILE.matcher(f.getFileName());
            if (m != null && m.matches() && locations.containsKey(m.group(1))) {
                Location where = locations.get(m.group(1));
                String method = f.getMethodName().isEmpty() || f.getMethodName().startsWith("do_it$") ? "" : f.getMethodName() + " ";
                String frame = "\tat " + method + "(" + where.source() + ":" + (where.line() + Math.max(1, f.getLineNumber()) - 1) + ")";
                if (!out.isEmpty() && out.get(out.size() - 1).equals(frame)) {
                    continue; // JShell's wrapper methods repeat the snippet's line
                }
                out.add(frame);
                if (user != null) {
                    user.add(frame);
                }
            } else {
                out.add("\tat " + f);
            }
        }
    }

    private void checkStopped(String sourceName, int line) throws SnippetFailure {
        if (stopRequested) {
            throw new SnippetFailure(sourceName, line, SnippetFailure.INTERRUPTED, List.of(), null);
        }
    }

    /**
     * Stops the evaluation running now (a notebook interrupt): the running snippet is stopped as JShell
     * can (a busy loop too, but not a blocking native call), and {@link #eval} ends with a
     * {@link SnippetFailure} "interrupted" at that snippet instead of going on with the next one. Does
     * nothing when no evaluation runs. May be called from any thread.
     */
    public void stop() {
        long target;
        synchronized (stopLock) {
            if (depth.get() == 0) {
                return;
            }
            stopRequested = true;
            target = evaluation;
            shell.stop();
        }
        // JShell drops a stop that comes while no snippet code runs (the syntax check, a snippet compiling):
        // repeat it until this evaluation ends, so the snippet about to run is stopped as it starts
        Thread repeat = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (stopLock) {
                    if (evaluation != target || depth.get() == 0) {
                        return;
                    }
                    shell.stop();
                }
            }
        }, "evaluator stop");
        repeat.setDaemon(true);
        repeat.start();
    }

    /** Whether an evaluation is running. */
    public boolean isEvaluating() {
        return depth.get() > 0;
    }

    @Override
    public void close() {
        syntax.close();
        shell.close();
    }
}
