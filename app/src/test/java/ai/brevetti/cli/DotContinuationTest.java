package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule a {@code .} line typed at the shell follows ({@link DotContinuation}), in a real JShell: which snippet
 * above it continues, what runs then (nothing of the line above again), and which it refuses with a message.
 */
class DotContinuationTest {
    private JShell shell;
    private LastSnippet last;

    @BeforeEach
    void start() {
        shell = JShell.builder().executionEngine("local").build();
        last = LastSnippet.follow(shell);
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    /** Evaluates source as the tool does: snippet by snippet, stopping at the first that fails. */
    private void eval(String source) {
        String remaining = source;
        while (!remaining.isBlank()) {
            var info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            assertTrue(info.completeness().isComplete(), "incomplete: " + remaining);
            List<SnippetEvent> events = shell.eval(info.source());
            if (events.stream().anyMatch(e -> e.exception() != null || e.status() == jdk.jshell.Snippet.Status.REJECTED)) {
                return;
            }
            remaining = info.remaining();
        }
    }

    /** Types a '.' line: evaluates what it continues with, or returns the refusal. */
    private DotContinuation.Continuation type(String line) {
        assertTrue(DotContinuation.isDotLine(line), line);
        DotContinuation.Continuation c = DotContinuation.of(shell, last.get(), line);
        if (c instanceof DotContinuation.Source source) {
            last.continuing();
            eval(source.code());
            last.newLine();
        }
        return c;
    }

    private String value(String name) {
        return shell.variables().filter(v -> v.name().equals(name)).reduce((a, b) -> b).map(shell::varValue).orElseThrow(() -> new AssertionError("no " + name));
    }

    private String typeOf(String name) {
        return shell.variables().filter(v -> v.name().equals(name)).reduce((a, b) -> b).map(VarSnippet::typeName).orElseThrow();
    }

    @Test
    void aVarDeclarationIsContinuedTwiceAndItsFirstLineRunsOnce() {
        eval("int[] runs = {0};");
        eval("var s = String.valueOf(++runs[0]) + \"ab\";");
        assertInstanceOf(DotContinuation.Source.class, type("    .repeat(2)"));
        assertEquals("\"1ab1ab\"", value("s"));
        assertInstanceOf(DotContinuation.Source.class, type(".length() // the type changes: var s is declared again"));
        assertEquals("6", value("s"));
        assertEquals("int", typeOf("s"));
        assertInstanceOf(DotContinuation.Source.class, type(".toString();"));   // from int, no member: as an expression it fails
        assertEquals("6", value("s"), "s stays when the continuation does not compile");
        assertEquals("1", value("runs").replaceAll("\\D+", "").substring(1), value("runs"));
    }

    @Test
    void aVarOfAnotherTypeIsDeclaredAgainAndAnExplicitTypeIsAssigned() {
        eval("var list = new java.util.ArrayList<>(java.util.List.of(\"a\", \"bb\"));");
        type(".stream()");
        type(".map(String::length)");
        type(".toList()");
        assertEquals("[1, 2]", value("list"));
        assertTrue(typeOf("list").contains("List<Integer>"), typeOf("list"));
        eval("CharSequence c = \"xy\";");
        type(".toString()");   // String is a CharSequence: c keeps its type
        assertEquals("CharSequence", typeOf("c"));
        type(".length()");     // an int is no CharSequence: JShell's error, c unchanged
        assertEquals("\"xy\"", value("c"));
    }

    @Test
    void anExpressionIsContinuedFromItsValue() {
        eval("int[] runs = {0};");
        eval("\"x\" + (++runs[0]) + \"yz\"");
        DotContinuation.Continuation c = type(".toUpperCase()");
        assertTrue(((DotContinuation.Source) c).code().startsWith("$"), c.toString());
        type(".charAt(2)");
        String lastValue = shell.variables().reduce((a, b) -> b).map(shell::varValue).orElseThrow();
        assertEquals("'Y'", lastValue);
        eval("String t = \"q\";");
        eval("t");
        type(".repeat(3)");
        assertEquals("\"qqq\"", shell.variables().reduce((a, b) -> b).map(shell::varValue).orElseThrow());
        assertEquals("\"q\"", value("t"), "a variable's value continued is an expression: t stays");
        eval("t = \"w\";");
        type(".repeat(2)");
        assertEquals("\"ww\"", value("t"), "an assignment goes on assigning");
        assertEquals("[1]", value("runs").replaceAll("int\\[1\\] \\{ (\\d+) \\}", "[$1]"));
    }

    @Test
    void aDotLineThatFailsLeavesTheSnippetAboveToContinue() {
        eval("int[] runs = {0};");
        eval("var s = String.valueOf(++runs[0]) + \"ab\";");
        type(".repaet(2)");                       // does not compile
        type(".charAt(7)");                       // throws
        assertEquals("\"1ab\"", value("s"));
        type(".repeat(2)");                       // the corrected line continues s
        assertEquals("\"1ab1ab\"", value("s"));
        eval("\"xy\".toUpperCase()");
        type(".substring(5)");                    // throws: $N above stays
        type(".toLowerCase()");
        assertEquals("\"xy\"", shell.variables().reduce((a, b) -> b).map(shell::varValue).orElseThrow());
        eval("nothing()");                        // a line of its own that fails is the snippet above
        assertRefused(".x()", "has errors");
    }

    @Test
    void whatHasNoValueIsRefusedWithAMessage() {
        assertRefused(".x()", "nothing was evaluated");
        eval("System.out.print(\"\")");
        assertRefused(".x()", "returns nothing");
        eval("void f() {}");
        assertRefused(".x()", "method declaration");
        eval("import java.util.*;");
        assertRefused(".x()", "an import");
        eval("class C {}");
        assertRefused(".x()", "class declaration");
        eval("int n;");
        assertRefused(".x()", "declared without a value");
        eval("Integer.parseInt(\"z\")");
        assertRefused(".x()", "threw");
        eval("var bad = nothing();");
        assertRefused(".x()", "has errors");
        eval("if (true) {}");
        assertRefused(".x()", "statement");
    }

    private void assertRefused(String line, String why) {
        DotContinuation.Continuation c = DotContinuation.of(shell, last.get(), line);
        DotContinuation.Refusal refusal = assertInstanceOf(DotContinuation.Refusal.class, c, line);
        assertTrue(refusal.message().contains(why), refusal.message());
        assertTrue(refusal.message().contains("Alt-Enter"), refusal.message());
        assertFalse(refusal.message().contains("\n"), refusal.message());
    }

    @Test
    void aDotLineIsADotBeforeAMemberNotANumber() {
        for (String line : List.of(".first()", "   .batchSize(8)", ".<String>of()", "\t. map(x)")) {
            assertTrue(DotContinuation.isDotLine(line), line);
        }
        for (String line : List.of(".5 + 1", "x.first()", "..", "// .x", "")) {
            assertFalse(DotContinuation.isDotLine(line), line);
        }
    }
}
