package ai.brevetti.cli;

import java.util.Optional;
import java.util.regex.Pattern;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * What a {@code .} line typed at the shell's terminal runs: the chain goes on from the value of the snippet above,
 * which already ran (as the Scala 2 REPL continues a line starting with {@code .} from the previous result), so
 * nothing of it runs twice:
 * <ul>
 * <li>an expression ({@code job().datasets()}, JShell's {@code $3}): {@code $3.first()}, a new {@code $N};</li>
 * <li>a variable's value ({@code s}): {@code s.first()};</li>
 * <li>a variable declared with a value ({@code var s = …}, {@code Datasets s = …}): the variable becomes the continued
 *     value, declared again with the value computed first ({@link ChainValue}), so an expression that fails leaves
 *     {@code s} as it was; {@code var s} takes the value's type, an explicit type stays;</li>
 * <li>an assignment ({@code s = …}): {@code s = s.first()}.</li>
 * </ul>
 * Anything else (a statement, a call that returns nothing, a method or class, a snippet that had errors or threw,
 * nothing yet) is {@link Refusal refused} with a one-line message saying what a {@code .} line continues.
 */
final class DotContinuation {
    /** A {@code .} line: its first character (after blanks) is a dot followed by a member name or type arguments, not {@code .5}. */
    static final Pattern DOT_LINE = Pattern.compile("^\\s*\\.\\s*[\\p{javaJavaIdentifierStart}<]");

    /** A type written as source (qualified names, type arguments, arrays, wildcards), not JShell's names of types without one. */
    private static final Pattern WRITABLE_TYPE = Pattern.compile("[\\p{javaJavaIdentifierPart}.<>?,\\[\\] ]+");

    /** How to write a chain JShell evaluates as one snippet: the end of every message. */
    static final String HOW_TO = "a '.' line continues an expression, a variable declared with '=' or an assignment just above;"
            + " otherwise end each line but the last with Alt-Enter to write the chain as one snippet";

    /** What the line runs instead, or why it cannot run. */
    sealed interface Continuation permits Source, Refusal {
    }

    /** The source that continues the chain (one or two snippets; the tool stops at the first that fails). */
    record Source(String code) implements Continuation {
    }

    /** A {@code .} line that continues nothing: the message to show (one line), nothing run. */
    record Refusal(String message) implements Continuation {
    }

    /** The snippet above: the last one evaluated from input, its status, and whether it threw. */
    record Previous(Snippet snippet, Snippet.Status status, boolean threw) {
    }

    private DotContinuation() {
    }

    static boolean isDotLine(String text) {
        return DOT_LINE.matcher(text).find();
    }

    /** The continuation of {@code line} (a {@link #isDotLine dot line}) from {@code previous} in {@code state}. */
    static Continuation of(JShell state, Optional<Previous> previous, String line) {
        String rest = withoutFinalSemicolon(ChainedLines.withoutTrailingComment(line.strip()));
        if (previous.isEmpty()) {
            return refuse("nothing was evaluated before it");
        }
        Previous above = previous.get();
        if (above.status() != Snippet.Status.VALID) {
            return refuse("the snippet above was not evaluated (it has errors)");
        }
        if (above.threw()) {
            return refuse("the snippet above threw an exception, so it has no value");
        }
        Snippet snippet = above.snippet();
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND -> new Source(name(snippet) + rest);
            case ASSIGNMENT_SUBKIND -> assign(name(snippet), rest);
            case VAR_DECLARATION_WITH_INITIALIZER_SUBKIND -> continueVariable(state, (VarSnippet) snippet, rest);
            case STATEMENT_SUBKIND -> refuse("the snippet above is a statement or a call that returns nothing");
            default -> refuse("the snippet above is " + describe(snippet));
        };
    }

    /**
     * The variable declared again with the continued value, computed first by a snippet of its own (if it fails, the
     * tool stops there and the variable stays): {@code var s} takes the value's type, an explicit type stays (the
     * value must fit it, as in the chain written on one line). The continued snippet is a declaration again, so the
     * next {@code .} line continues it too.
     */
    private static Continuation continueVariable(JShell state, VarSnippet variable, String rest) {
        String name = variable.name();
        String expression = name + rest;
        SourceCodeAnalysis analysis = state.sourceCodeAnalysis();
        String type = analysis.analyzeType(expression, expression.length());
        boolean var = declaredWithVar(variable);
        String declared = var ? type : variable.typeName();
        if (type == null || (!var && isPrimitive(declared))) {
            // does not compile or returns nothing (a primitive has no members): as an expression, JShell shows its
            // error or runs the call; the variable stays
            return new Source(expression);
        }
        if (!writable(declared)) {
            return refuse("'" + expression + "' has a type that cannot be written (" + declared + ")");
        }
        String value = ChainValue.class.getName();
        String keep = var ? value + ".keep(" : value + ".<" + declared + ">keep(";
        String kept = isPrimitive(declared) ? "(" + declared + ") " + value + ".kept()" : value + ".<" + declared + ">kept()";
        return new Source(keep + expression + "); " + (var ? "var" : declared) + " " + name + " = " + kept + ";");
    }

    private static boolean writable(String type) {
        return WRITABLE_TYPE.matcher(type).matches() && !type.contains("$JShell") && !type.contains("capture#");
    }

    private static Continuation assign(String name, String rest) {
        return new Source(name + " = " + name + rest);
    }

    private static boolean declaredWithVar(VarSnippet variable) {
        return Pattern.compile("^(?:\\s*(?:final\\b|@\\S+))*\\s*var\\s").matcher(variable.source()).find();
    }

    private static boolean isPrimitive(String type) {
        return switch (type) {
            case "boolean", "byte", "char", "short", "int", "long", "float", "double" -> true;
            default -> false;
        };
    }

    private static String name(Snippet snippet) {
        return snippet instanceof VarSnippet variable ? variable.name() : ((ExpressionSnippet) snippet).name();
    }

    private static String describe(Snippet snippet) {
        return switch (snippet.kind()) {
            case IMPORT -> "an import";
            case METHOD -> "a method declaration";
            case TYPE_DECL -> "a class declaration";
            case VAR -> "a variable declared without a value";
            default -> "not an expression";
        };
    }

    private static Refusal refuse(String why) {
        return new Refusal("A '.' line continues nothing here: " + why + "; " + HOW_TO + ".");
    }

    /** The line (its trailing comment removed) without one semicolon at its end. */
    private static String withoutFinalSemicolon(String line) {
        return line.endsWith(";") ? line.substring(0, line.length() - 1).stripTrailing() : line;
    }
}
