package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The syntax check before a cell or script runs: every syntax error with its line, nothing run; and
 * nothing JShell runs is taken for a syntax error.
 */
class SyntaxCheckTest {
    static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    @Test
    void aCellWithSyntaxErrorsRunsNothingAndNamesEveryLine() throws Exception {
        SnippetFailure f = assertThrows(SnippetFailure.class, () -> evaluator.eval("""
                int ranBeforeTheError = 1;
                String s = "a" +;
                int fine = 2;
                void m() { int y = 3 +* 4; }
                """, "In[1]", 1));
        assertEquals("In[1]", f.sourceName());
        assertEquals(2, f.line(), f.report());
        assertTrue(f.report().startsWith("In[1]:2: error: illegal start of expression\nString s = \"a\" +;\n                ^"), f.report());
        assertTrue(f.report().contains("In[1]:4: error: illegal start of expression\nvoid m() { int y = 3 +* 4; }\n                      ^"),
                f.report());
        assertTrue(f.report().endsWith("2 syntax errors, found before running: nothing of In[1] was run"), f.report());
        SnippetFailure notDefined = assertThrows(SnippetFailure.class, () -> evaluator.eval("ranBeforeTheError", "In[2]", 1));
        assertTrue(notDefined.report().contains("cannot find symbol"), "the cell's first line did not run: " + notDefined.report());
    }

    @Test
    void whatJshellRunsIsNoSyntaxError() throws Exception {
        String cell = """
                import java.util.function.*;
                import java.util.List;
                import static java.lang.Math.max;
                int a, b = 2;
                private var hidden = 5;
                static final int LIMIT = 10;
                public record Pair<T>(T left, T right) {}
                enum Colour { RED, GREEN }
                interface Shape { double area(); }
                @FunctionalInterface interface Op { int apply(int x); }
                <T> List<T> twiceList(T t) { return List.of(t, t); }
                Op inc = x -> x + 1;
                var text = \"""
                    a text block
                    \""";
                var kind = switch (b) { case 2 -> "two"; default -> "other"; };
                outer:
                for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { if (j == 1) continue outer; } }
                try (var reader = new java.io.StringReader("x")) { reader.read(); }
                Runnable r = new Runnable() { public void run() {} };
                int[] numbers = {1, 2, 3,};
                b
                hidden + b // a bare expression with a comment
                var total = List.of(1, 2, 3)
                    .stream()
                    .mapToInt(x -> inc.apply(x))
                    .sum();
                max(total, LIMIT) + new Pair<>(1, 2).left() + twiceList("x").size() + text.length() + kind.length()
                """;
        assertEquals("29", evaluator.eval(cell, "In[3]", 1).orElseThrow().text());
    }

    @Test
    void errorsNeedingEarlierSnippetsAreLeftToTheirLine() throws Exception {
        SnippetFailure f = assertThrows(SnippetFailure.class, () -> evaluator.eval("""
                int first = 1;
                int second = notYetDefined + first;
                """, "In[4]", 1));
        assertEquals(2, f.line(), f.report());
        assertTrue(f.report().contains("cannot find symbol"), f.report());
        assertFalse(f.report().contains("syntax error"), f.report());
        assertEquals("1", evaluator.eval("first", "In[5]", 1).orElseThrow().text(), "the snippets before the error ran");
    }

    @Test
    void checkSyntaxRunsNothing() throws Exception {
        evaluator.checkSyntax("int checkedOnly = 1;\n", "check.jsh", 1);
        SnippetFailure f = assertThrows(SnippetFailure.class, () -> evaluator.checkSyntax("int x = ;\n", "check.jsh", 7));
        assertEquals("check.jsh:7: error: illegal start of expression", f.report().split("\n")[0]);
        assertThrows(SnippetFailure.class, () -> evaluator.eval("checkedOnly", "In[6]", 1));
    }
}
