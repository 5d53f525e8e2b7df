package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/brevettiai as a user runs it, against the packaged jar (runs in the integration-test phase). */
class LauncherIT {
    static final Path ROOT = Path.of(System.getProperty("brevettiai.root", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/brevettiai").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var outText = new java.util.concurrent.CompletableFuture<String>();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> outText.complete(read(out))).start();
        new Thread(() -> errText.complete(read(err))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/brevettiai " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), outText.join(), errText.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result r = launch("--help");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Commands:") && r.out.contains("run "), r.out);
        assertTrue(!r.err.contains("building"), "the packaged jar is current: no rebuild\n" + r.err);
    }

    @Test
    void runsTheLifecycleExample() throws Exception {
        Path jobDir = dir.resolve("job");
        Result r = launch("run", "examples/job_lifecycle.jsh", "--job_dir", jobDir.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Deserialized object config:"), r.out);
        String output = Files.readString(jobDir.resolve("artifacts/output.json"));
        assertTrue(output.contains("\"My custom metric\": 277"), output);
        assertTrue(output.contains("\"api_key\": \"*****"), output);
    }

    @Test
    void aFailingScriptExitsWithOneAndItsLine() throws Exception {
        Path script = Files.writeString(dir.resolve("bad.jsh"), "int a = 1;\nint b = a +* 2;\n");
        Result r = launch("run", script.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains(script + ":2: error:"), r.err);
        Path exit = Files.writeString(dir.resolve("exit.jsh"), "/exit 7\n");
        assertEquals(7, launch("run", exit.toString()).code);
    }
}
