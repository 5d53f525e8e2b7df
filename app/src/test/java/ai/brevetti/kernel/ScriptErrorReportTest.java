package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Captured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing script or cell is reported short: the exception's short class and message at the script's
 * line, its telling causes and the frames of the script's own methods; library frames only in the log
 * file the report names, or with --stacktrace.
 */
class ScriptErrorReportTest {
    @TempDir
    Path dir;

    static Evaluator evaluator;

    @BeforeAll
    static void start() throws Exception {
        evaluator = new Evaluator();
        evaluator.loadStartup();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    record Run(int code, String err) {
        List<String> lines() {
            return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank() && !l.matches("^(INFO|WARN|DEBUG) [\\w.$]+ - .*")).toList();
        }
    }

    Run run(String source, boolean stackTraces, String... args) throws Exception {
        Path script = Files.writeString(dir.resolve("job.jsh"), source);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(err, true, StandardCharsets.UTF_8);
        Captured<Integer> c = Captured.run(() -> (stackTraces ? new ScriptRunner(to, true) : new ScriptRunner(to)).run(script, List.of(args)));
        return new Run(c.value, err.toString(StandardCharsets.UTF_8) + c.err);
    }

    @Test
    void aLibraryErrorIsTwoLinesAndItsTraceIsInTheLogItNames() throws Exception {
        Run r = run("System.out.println(\"before\");\nvar job = Job.init();\n", false);
        assertEquals(1, r.code());
        List<String> lines = r.lines();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(dir.resolve("job.jsh") + ":2: NoJobException: No job given. Pass --job_dir DIR"), lines.get(0));
        assertFalse(r.err().contains("\tat "), r.err());
        Matcher log = Pattern.compile("full trace in (\\S+\\.log); --stacktrace prints it").matcher(lines.get(1));
        assertTrue(log.find(), lines.get(1));
        String trace = Files.readString(Path.of(log.group(1)));
        assertTrue(trace.contains("\tat ai.brevetti.platform.JobBuilder.init("), trace);
        assertTrue(trace.contains("(" + dir.resolve("job.jsh") + ":2)"), trace);
    }

    @Test
    void withStackTracesTheFramesArePrinted() throws Exception {
        Run r = run("var job = Job.init();\n", true);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat ai.brevetti.platform.JobBuilder.init("), r.err());
        assertFalse(r.err().contains("full trace in"), r.err());
    }

    @Test
    void aScriptsOwnExceptionShowsItsCausesAndItsMethodsButNoLibraryFrames() throws Exception {
        Run r = run("""
                void check(int n) {
                  if (n > 1) throw new IllegalStateException("outer", new java.io.UncheckedIOException("reading", new java.io.IOException("disk full")));
                }
                check(2);
                """, false);
        assertEquals(1, r.code());
        List<String> lines = r.lines();
        assertEquals(dir.resolve("job.jsh") + ":4: IllegalStateException: outer", lines.get(0));
        assertEquals("  caused by: UncheckedIOException: reading", lines.get(1));
        assertEquals("  caused by: IOException: disk full", lines.get(2));
        assertEquals("\tat check (" + dir.resolve("job.jsh") + ":2)", lines.get(3));
        assertTrue(lines.get(4).contains("full trace in"), r.err());
        assertEquals(5, lines.size(), r.err());
    }

    @Test
    void aNotebookShowsTheShortReportThenItsOwnFramesOnly() throws Exception {
        SnippetFailure f = assertThrows(SnippetFailure.class, () -> evaluator.eval("""
                String describe(Object o) {
                  return java.util.Objects.requireNonNull(o, "o must be given").toString();
                }
                describe(null);
                """, "In[3]", 1));
        List<String> lines = CellError.notebookLines(f, false);
        assertEquals("In[3]:4: NullPointerException: o must be given", lines.get(0));
        assertEquals(List.of("\tat describe (In[3]:2)", "\tat (In[3]:4)"), lines.subList(1, lines.size()), lines.toString());
        assertTrue(f.fullReport().contains("\tat java.base/java.util.Objects.requireNonNull"), f.fullReport());
        assertTrue(CellError.notebookLines(f, true).stream().anyMatch(l -> l.contains("java.util.Objects.requireNonNull")));
        assertEquals("In[3]:4: NullPointerException: o must be given", new CellError(f).getMessage());
    }
}
