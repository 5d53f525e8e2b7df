package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.Captured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved JShell scripts run as jobs: exit codes, error reports with lines, job arguments. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(String script, String... jobArgs) throws Exception {
        Path file = dir.resolve("job.jsh");
        Files.writeString(file, script);
        return run(file, jobArgs);
    }

    private Result run(Path file, String... jobArgs) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Captured<Integer> c = Captured.run(() -> new ScriptRunner(new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(file, List.of(jobArgs)));
        return new Result(c.value, c.out, err.toString(StandardCharsets.UTF_8) + c.err);
    }

    @Test
    void theLifecycleExampleRunsAndLeavesOutputJson() throws Exception {
        Path root = Path.of(System.getProperty("brevettiai.root", "."));
        Path jobDir = dir.resolve("job");
        Result r = run(root.resolve("examples/job_lifecycle.jsh"), "--job_dir", jobDir.toString());
        assertEquals(0, r.code, r.err);
        String seedConfig = "{\"param_1\":1,\"param_2\":\"Test\",\"param_3\":{\"test_dict_serialization\":\"nested\"},\"custom\":{\"custom_param\":0}}";
        assertTrue(r.out.contains("Original object config: \n " + seedConfig), r.out);
        assertTrue(r.out.contains("Deserialized object config: \n " + seedConfig), r.out);
        assertTrue(r.out.contains("{\"param_1\":-1.0,\"param_2\":\"Param2 not provided\",\"param_3\":{\"test_dict_serialization\":\"nested2\"},\"custom\":{\"custom_param\":5}}"), r.out);
        assertTrue(r.err.contains("Invalid config keys: some_setting_i_need"), r.err);
        String output = Files.readString(jobDir.resolve("artifacts/output.json"));
        assertTrue(output.contains("\"My custom metric\": 277"), output);
        Map<String, Object> doc = Json.parseObject(output);
        String key = (String) ((Map<?, ?>) doc.get("config")).get("api_key");
        assertTrue(key.matches("\\*+"), key);
        assertEquals("Valuable information", Files.readString(jobDir.resolve("artifacts/something_i_want_to_save.txt")));
    }

    @Test
    void jobArgumentsReachJobInit() throws Exception {
        Path jobDir = Files.createDirectories(dir.resolve("j1"));
        Files.writeString(jobDir.resolve("info.json"), "{\"id\": \"job-42\", \"settings\": {\"epochs\": 3}}");
        Result r = run("""
                var job = Job.init();
                System.out.println("id=" + job.id() + " epochs=" + job.settings().get("epochs").orElseThrow());
                """, "--job_dir", jobDir.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("id=job-42 epochs=3"), r.out);
    }

    @Test
    void aCompileErrorStopsTheScriptWithItsLine() throws Exception {
        Path marker = dir.resolve("marker");
        Result r = run("""
                int x = 1;

                String s = x + ;
                Files.writeString(Path.of("%s"), "ran");
                """.formatted(marker));
        assertEquals(1, r.code);
        assertTrue(r.err.contains(dir.resolve("job.jsh") + ":3: error: illegal start of expression"), r.err);
        assertTrue(r.err.contains("String s = x + ;"), r.err);
        assertFalse(Files.exists(marker), "nothing after the failing snippet ran");

        r = run("int y = 1;\nint z = undefinedThing + 1;\n");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("job.jsh:2: error: cannot find symbol"), r.err);
        assertTrue(r.err.contains("symbol:   variable undefinedThing"), r.err);
    }

    @Test
    void anExceptionStopsTheScriptWithItsLineAndTheUsersFrames() throws Exception {
        Result r = run("""
                void check(int n) {
                    if (n > 2) {
                        throw new IllegalStateException("too many: " + n);
                    }
                }
                for (int i = 0; i < 5; i++) {
                    System.out.println("step " + i);
                    check(i);
                }
                System.out.println("never");
                """);
        assertEquals(1, r.code);
        assertTrue(r.out.contains("step 3") && !r.out.contains("step 4") && !r.out.contains("never"), r.out);
        assertTrue(r.err.contains("job.jsh:8: IllegalStateException: too many: 3"), r.err);
        assertTrue(r.err.contains("at check (" + dir.resolve("job.jsh") + ":3)"), r.err);
    }

    @Test
    void exitSetsTheExitCode() throws Exception {
        Result r = run("System.out.println(\"before\");\n/exit 3\nSystem.out.println(\"after\");\n");
        assertEquals(3, r.code);
        assertTrue(r.out.contains("before") && !r.out.contains("after"), r.out);
        assertEquals(4, run("boolean ok = false;\n/exit ok ? 0 : 4\n").code);
        assertEquals(0, run("/exit\n").code);
        Result bad = run("/reset\n");
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains("unsupported command /reset"), bad.err);
    }

    @Test
    void snippetsSplitLikeTheJshellToolWithFluentChains() throws Exception {
        Files.writeString(dir.resolve("lib.jsh"), "int twice(int x) { return 2 * x; }\n");
        Result r = run("""
                /open lib.jsh
                int a = 1; int b = 2;
                var total = List.of(a, b, 3)
                    .stream()
                    .mapToInt(x -> twice(x))
                    .sum();
                String label = total > 10
                    ? "big"
                    : "small";
                List<Integer> numbers = List.of(1);
                numbers = List.of(1, 2, 3)
                    .stream()
                    .map(x -> x * 2)
                    .toList();
                System.out.println("numbers " + numbers);
                System.out.println(label + " " + total)
                """);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("big 12"), r.out);
        assertTrue(r.out.contains("numbers [2, 4, 6]"), "an assignment continued on the next lines: " + r.out);
    }

    @Test
    void aSyntaxErrorAnywhereRunsNothingAndEveryOneIsReportedWithItsLine() throws Exception {
        Path jobDir = Files.createDirectories(dir.resolve("syntax-job"));
        Files.writeString(jobDir.resolve("info.json"), "{\"id\": \"job-14\"}");
        Result r = run("""
                // line 1: a job that writes an artifact first
                var job = Job.init();
                job.io().writeFile(job.artifactPath("early.txt"), "written");
                System.out.println("early snippets ran");
                public record Point(int x, int y) {}
                int twice(int n) { return 2 * n; }
                var p = new Point(1, 2);
                String label = p.x() > 0
                    ? "right"
                    : "left";
                import java.time.*;
                twice(p.y())
                List<Integer> numbers = List.of(1, 2);
                int broken = numbers.get(0) +* 2;
                for (int i = 0; i < 2; i++) {
                    System.out.println(i);
                }
                System.out.println(undefinedBeforeItRuns);
                String s = "unclosed;
                System.out.println("end");
                """, "--job_dir", jobDir.toString());
        assertEquals(1, r.code, r.err);
        String script = dir.resolve("job.jsh").toString();
        assertTrue(r.err.contains(script + ":14: error: illegal start of expression"), r.err);
        assertTrue(r.err.contains("int broken = numbers.get(0) +* 2;"), r.err);
        assertTrue(r.err.contains(script + ":19: error: unclosed string literal"), "every syntax error, not only the first: " + r.err);
        assertTrue(r.err.contains("2 syntax errors, found before running: nothing of " + script + " was run"), r.err);
        assertFalse(r.err.contains(":18:"), "an unknown name is no syntax error (it is reported when it runs): " + r.err);
        assertFalse(r.out.contains("early snippets ran"), r.out);
        assertFalse(Files.exists(jobDir.resolve("artifacts/early.txt")), "nothing of the job ran");
    }

    @Test
    void errorsThatNeedEarlierSnippetsStayAtTheirLineAfterTheEarlierSnippetsRan() throws Exception {
        Result r = run("""
                System.out.println("first ran");
                int a = later(1);
                int later(int x) { return x; }
                """);
        assertEquals(1, r.code, r.err);
        assertTrue(r.out.contains("first ran"), r.out);
        assertTrue(r.err.contains("job.jsh:2: error:") && r.err.contains("later"), r.err);
        assertFalse(r.err.contains("syntax error"), r.err);
    }

    @Test
    void aSyntaxErrorInAnOpenedFileRunsNothingOfTheScript() throws Exception {
        Path marker = dir.resolve("marker");
        Files.writeString(dir.resolve("lib.jsh"), "int ok() { return 1; }\n\nint bad() { return 1 +; }\n");
        Result r = run("""
                Files.writeString(Path.of("%s"), "ran");
                /open lib.jsh
                """.formatted(marker));
        assertEquals(1, r.code, r.err);
        assertTrue(r.err.contains(dir.resolve("lib.jsh") + ":3: error: illegal start of expression"), r.err);
        assertFalse(Files.exists(marker), "nothing of the script ran");
    }

    @Test
    void aSnippetLeftOpenAtTheEndIsReportedBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("marker");
        Result r = run("""
                Files.writeString(Path.of("%s"), "ran");
                void f() {
                    System.out.println("no closing brace");
                """.formatted(marker));
        assertEquals(1, r.code, r.err);
        assertTrue(r.err.contains("job.jsh:2: error: the snippet starting here is not complete at the end of the source"), r.err);
        assertFalse(Files.exists(marker), "nothing of the script ran");
    }

    @Test
    void aBinaryFileIsRefusedNamingItAndWhatToGive() throws Exception {
        Path jar = dir.resolve("job.jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0, (byte) 0x92, (byte) 0xff, 0, 0});
        Result r = run(jar);
        assertEquals(1, r.code);
        assertTrue(r.err.contains(jar + " is not a UTF-8 text script: byte 8 (0x92) is not UTF-8"), r.err);
        assertTrue(r.err.contains("give a .jsh script: Java snippets in a text file saved as UTF-8"), r.err);
        assertFalse(r.err.contains("Input length"), r.err);

        Path zeros = dir.resolve("zeros.jsh");
        Files.write(zeros, new byte[] {'i', 'n', 't', '\n', 0, 0});
        r = run(zeros);
        assertEquals(1, r.code);
        assertTrue(r.err.contains(zeros + ":2: error: " + zeros + " is not a text script: it holds a NUL character"), r.err);
    }

    @Test
    void aMissingScriptIsReported() throws Exception {
        Result r = run(dir.resolve("nope.jsh"));
        assertEquals(1, r.code);
        assertTrue(r.err.contains("no script at '" + dir.resolve("nope.jsh") + "'"), r.err);
    }
}
