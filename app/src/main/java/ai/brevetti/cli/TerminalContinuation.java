package ai.brevetti.cli;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * The jshell tool at a terminal, with {@code .} lines typed after Enter continuing the snippet above
 * ({@link DotContinuation}). The tool has no hook for this, so this reaches into the JDK's internals (JDK 17's
 * {@code JShellTool} and its JLine line editor; the launcher opens them with {@link #JVM_OPTIONS}): Enter's
 * {@code accept-line} widget gets a wrapper that, for a {@code .} line, hands the tool the continued source while
 * the screen and the history keep the line as typed (JLine's masking callback); for a line that continues nothing
 * the tool gets nothing, and a one-line message shows before the next prompt. Everything else (completion, history, Alt-Enter, pastes, {@code /}
 * commands) is the tool's own. Where the internals are not open or not as expected, the tool starts as it is.
 */
final class TerminalContinuation {
    /** The JVM options that open the internals (bin/brevettiai passes them to {@code shell}). */
    static final String JVM_OPTIONS = "--add-opens=jdk.jshell/jdk.internal.jshell.tool=ALL-UNNAMED"
            + " --add-opens=jdk.internal.le/jdk.internal.org.jline.reader.impl=ALL-UNNAMED"
            + " --add-exports=jdk.internal.le/jdk.internal.org.jline.reader=ALL-UNNAMED";

    private static final String ACCEPT_LINE = "accept-line";
    private static final String CALLBACK_INIT = "callback-init";
    private static final String JLINE = "jdk.internal.org.jline.reader.";

    private final Object tool;
    private final Field input;
    private final Field stateField;
    private volatile boolean ended;
    private volatile LastSnippet last;
    private volatile String pending;

    private TerminalContinuation(Object tool, Field input, Field stateField) {
        this.tool = tool;
        this.input = input;
        this.stateField = stateField;
    }

    /** Runs the tool {@code builder} makes with {@code args}, continuing {@code .} lines at the terminal when it can. */
    static int start(JavaShellToolBuilder builder, String[] args) throws Exception {
        TerminalContinuation hook;
        Method start;
        try {
            Object tool = builder.getClass().getMethod("rawTool").invoke(builder);
            start = tool.getClass().getMethod("start", String[].class);
            hook = new TerminalContinuation(tool, accessible(tool.getClass(), "input"), accessible(tool.getClass(), "state"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return builder.start(args);   // internals closed or changed: the tool as it is
        }
        Thread installer = new Thread(hook::installWhenReading, "shell-dot-lines");
        installer.setDaemon(true);
        installer.start();
        try {
            return (Integer) start.invoke(hook.tool, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            hook.ended = true;
        }
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /**
     * Waits for the tool's terminal input (made after startup.jsh ran, before the first prompt) and wraps its Enter;
     * gives up when the tool ends first.
     */
    private void installWhenReading() {
        try {
            while (!ended) {
                // (startup scripts and files given are read through inputs of their own first)
                Object io = input.get(tool);
                if (io != null && io.getClass().getSimpleName().equals("ConsoleIOContext")) {
                    install(accessible(io.getClass(), "in").get(io));
                    return;
                }
                Thread.sleep(2);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the line editor is not as expected: '.' lines stay the tool's
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private void install(Object reader) throws ReflectiveOperationException {
        Class<?> lineReader = Class.forName(JLINE + "LineReader");
        Class<?> widget = Class.forName(JLINE + "Widget");
        Map<String, Object> widgets = (Map<String, Object>) lineReader.getMethod("getWidgets").invoke(reader);
        Object accept = widgets.get(ACCEPT_LINE);
        Editor editor = new Editor(reader, lineReader, widget.getMethod("apply"), accept,
                accessible(Class.forName(JLINE + "impl.LineReaderImpl"), "maskingCallback"), Class.forName(JLINE + "MaskingCallback"));
        last = LastSnippet.follow(state());
        InvocationHandler onEnter = (proxy, method, arguments) -> switch (method.getName()) {
            case "apply" -> acceptedOrAsTyped(editor);
            case "toString" -> "accept-line (brevettiai: '.' lines continue the snippet above)";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
        // (put from this thread before the first prompt: the editor looks a key's widget up when the key comes)
        widgets.put(ACCEPT_LINE, Proxy.newProxyInstance(widget.getClassLoader(), new Class<?>[] {widget}, onEnter));
        // a refusal's message shows before the next prompt (each readLine calls this widget first)
        Object init = widgets.get(CALLBACK_INIT);
        InvocationHandler onPrompt = (proxy, method, arguments) -> switch (method.getName()) {
            case "apply" -> {
                String message = pending;
                pending = null;
                if (message != null) {
                    try {
                        editor.printAbove(message);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        System.out.println(message);
                    }
                }
                yield init == null || (Boolean) editor.apply().invoke(init);
            }
            case "toString" -> "callback-init (brevettiai: a refused '.' line's message)";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new UnsupportedOperationException(method.getName());
        };
        widgets.put(CALLBACK_INIT, Proxy.newProxyInstance(widget.getClassLoader(), new Class<?>[] {widget}, onPrompt));
    }

    private JShell state() throws IllegalAccessException {
        return (JShell) stateField.get(tool);
    }

    /** Enter as {@link #accepted}, or the editor's own Enter when the internals do not behave as expected. */
    private boolean acceptedOrAsTyped(Editor editor) throws ReflectiveOperationException {
        try {
            return accepted(editor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return editor.accept();
        }
    }

    /** Enter: a {@code .} line continues the snippet above or is refused; any other line is the tool's. */
    private boolean accepted(Editor editor) throws ReflectiveOperationException {
        JShell state = state();
        if (last.state() != state) {
            last = LastSnippet.follow(state);   // /reset, /reload, /env: a new JShell, nothing above yet
        }
        String typed = editor.text();
        if (!DotContinuation.isDotLine(typed)) {
            last.newLine();
            return editor.accept();
        }
        DotContinuation.Continuation continuation = DotContinuation.of(state, last.get(), typed);
        if (continuation instanceof DotContinuation.Refusal refusal) {
            // nothing for the tool; the line stays on the screen and in the history, the message under it
            pending = "|  " + refusal.message();
            editor.acceptAs("", typed);
            return true;
        }
        String code = ((DotContinuation.Source) continuation).code();
        if (!complete(state.sourceCodeAnalysis(), code)) {
            editor.newLine();   // the step goes on (an open parenthesis): the next line belongs to it
            return true;
        }
        last.continuing();
        editor.acceptAs(code, typed);
        return true;
    }

    private static boolean complete(SourceCodeAnalysis analysis, String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return false;
            }
            remaining = info.remaining();
        }
        return true;
    }

    /** The tool's JLine editor, through reflection: its buffer, Enter's own widget, its masking callback. */
    private record Editor(Object reader, Class<?> lineReader, Method apply, Object enter, Field masking, Class<?> maskingType) {

        Object buffer() throws ReflectiveOperationException {
            return lineReader.getMethod("getBuffer").invoke(reader);
        }

        String text() throws ReflectiveOperationException {
            return buffer().toString();
        }

        boolean accept() throws ReflectiveOperationException {
            return (Boolean) apply.invoke(enter);
        }

        /** A line break at the end of the text, as the editor adds one to an incomplete snippet. */
        void newLine() throws ReflectiveOperationException {
            Object buffer = buffer();
            Class<?> bufferType = Class.forName(JLINE + "Buffer");
            bufferType.getMethod("cursor", int.class).invoke(buffer, (Integer) bufferType.getMethod("length").invoke(buffer));
            bufferType.getMethod("write", CharSequence.class).invoke(buffer, "\n");
        }

        void printAbove(String message) throws ReflectiveOperationException {
            lineReader.getMethod("printAbove", String.class).invoke(reader, message);
        }

        /** Accepts {@code code} for the tool, shown and kept in the history as {@code typed} (for this line only; history without indentation). */
        void acceptAs(String code, String typed) throws ReflectiveOperationException {
            InvocationHandler asTyped = (proxy, method, arguments) -> switch (method.getName()) {
                case "display" -> typed;
                // without its indentation, which JLine's history would take for "leave me out" (as bash's ignorespace)
                case "history" -> typed.stripLeading();
                case "toString" -> "as typed";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == arguments[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
            // readLine sets its masking callback afresh on every call: this one ends with the line
            masking.set(reader, Proxy.newProxyInstance(maskingType.getClassLoader(), new Class<?>[] {maskingType}, asTyped));
            Object buffer = buffer();
            Class<?> bufferType = Class.forName(JLINE + "Buffer");
            bufferType.getMethod("clear").invoke(buffer);
            bufferType.getMethod("write", CharSequence.class).invoke(buffer, code);
            accept();
        }
    }
}
