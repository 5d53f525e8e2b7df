package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.Jupyter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel driven through jupyter_client (src/test/resources/ai/brevetti/kernel/kernel_client.py):
 * interrupting a busy loop, complete, inspect, is_complete, progress updates, a broken startup.jsh, a
 * client that dies. Skipped when Jupyter is not installed (.ci/run installs it).
 */
class KernelProtocolIT {
    @TempDir
    static Path dir;
    static Jupyter jupyter;

    @BeforeAll
    static void install() throws Exception {
        jupyter = Jupyter.installOrSkip(dir.resolve("prefix"), "Jupyter kernel tests");
    }

    static Map<String, Object> client(Map<String, String> env, String... args) throws Exception {
        Jupyter.Result r = jupyter.client(dir, env, args);
        assertEquals(0, r.code(), r.both());
        List<String> lines = r.out().strip().lines().toList();
        return Json.parseObject(lines.get(lines.size() - 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void interruptCompleteInspectAndIsComplete() throws Exception {
        Map<String, Object> r = client(Map.of(), "protocol");
        assertEquals("3", r.get("first"));
        assertEquals("java", r.get("language"));
        Map<String, Object> interrupted = (Map<String, Object>) r.get("interrupted");
        assertEquals("error", interrupted.get("status"));
        assertEquals("In[2]:2: interrupted", interrupted.get("evalue"));
        assertEquals("0", r.get("after_interrupt"), "the rest of the interrupted cell did not run; the kernel goes on");
        assertEquals(true, r.get("alive"));

        Map<String, Object> complete = (Map<String, Object>) r.get("complete");
        assertTrue(((List<String>) complete.get("matches")).contains("String"), complete.toString());
        assertEquals(11, complete.get("cursor_start"));
        assertEquals(14, complete.get("cursor_end"));
        Map<String, Object> inspect = (Map<String, Object>) r.get("inspect");
        assertEquals(true, inspect.get("found"));
        assertTrue(String.valueOf(inspect.get("text")).contains("int Math.max(int a, int b)"), inspect.toString());
        Map<String, Map<String, Object>> isComplete = (Map<String, Map<String, Object>>) r.get("is_complete");
        assertEquals("complete", isComplete.get("1 + 1").get("status"));
        assertEquals("complete", isComplete.get("int a = 1;\nint b = 2;").get("status"));
        assertEquals("incomplete", isComplete.get("for (int i = 0; i < 3; i++) {").get("status"));
        assertEquals("    ", isComplete.get("for (int i = 0; i < 3; i++) {").get("indent"));

        List<String> progress = (List<String>) r.get("progress");
        assertEquals("display_data", progress.get(0), progress.toString());
        assertTrue(progress.size() >= 2 && progress.size() <= 11 && progress.subList(1, progress.size()).stream()
                .allMatch("update_display_data"::equals), "one line, updated in place: " + progress);
        if (r.get("progress_min_gap") != null) {
            // sent >= 0.25 s apart; received with some jitter
            assertTrue(((Number) r.get("progress_min_gap")).doubleValue() >= 0.15, "at most 4 updates a second: " + r.get("progress_min_gap"));
        }
        assertTrue(String.valueOf(r.get("progress_last")).contains("10/10 (100%)"), String.valueOf(r.get("progress_last")));
        assertTrue(String.valueOf(r.get("progress_last")).contains(", loss 0.5000"), "the status after the counts: "
                + r.get("progress_last"));
        assertEquals(List.of("execute_result"), r.get("progress_never"), "ProgressMode.NEVER shows no line; reset() brings AUTO back");
    }

    @Test
    void aConnectionFileWithoutSignatureSchemeSignsWithJupytersDefault() throws Exception {
        Map<String, Object> r = client(Map.of(), "no-scheme", dir.toString());
        assertEquals("hmac-sha256", r.get("scheme"), "jupyter_client's default when the file names none");
        assertEquals("2", r.get("result"), "the kernel answered, its messages signed alike: "
                + Files.readString(dir.resolve("kernel-no-scheme.log")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrokenStartupShowsInTheFirstCell() throws Exception {
        Path startup = Files.writeString(dir.resolve("broken-startup.jsh"), "import java.util.*;\nint broken = \"text\";\n");
        Map<String, Object> r = client(Map.of("BREVETTIAI_JAVA_OPTS", "-Dbrevettiai.startup=" + startup), "startup-failure");
        Map<String, Object> first = (Map<String, Object>) r.get("first");
        assertEquals("error", first.get("status"));
        assertTrue(String.valueOf(first.get("evalue")).startsWith("startup.jsh failed: " + startup + ":2: error: incompatible types"),
                String.valueOf(first.get("evalue")));
        assertEquals("2", r.get("second"), "later cells run");
    }

    @Test
    void theKernelStopsWhenItsClientDies() throws Exception {
        Map<String, Object> r = client(Map.of(), "orphan");
        assertEquals(true, r.get("stopped"), "the kernel JVM ended after its parent was killed: " + r);
        assertTrue(((Number) r.get("seconds")).doubleValue() < 15, r.toString());
    }
}
