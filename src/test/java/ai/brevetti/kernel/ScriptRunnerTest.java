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
    void aMissingScriptIsReported() throws Exception {
        Result r = run(dir.resolve("nope.jsh"));
        assertEquals(1, r.code);
        assertTrue(r.err.contains("no script at '" + dir.resolve("nope.jsh") + "'"), r.err);
    }
}
