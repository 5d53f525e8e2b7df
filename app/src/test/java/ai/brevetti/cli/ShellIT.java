package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Jupyter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/brevettiai shell}: jshell with the project's class path and startup.jsh, fed on standard input. */
class ShellIT {
    static final Path ROOT = Jupyter.ROOT;

    record Result(int code, String out, String err) {
    }

    static Result shell(String input, String... args) throws Exception {
        return shell(java.util.Map.of(), input, args);
    }

    static Result shell(java.util.Map<String, String> env, String input, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/brevettiai").toString(), "shell"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread drain = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                err.complete(e.toString());
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("shell did not end");
        }
        return new Result(p.exitValue(), out, err.join());
    }

    @Test
    void evaluatesPipedSnippetsWithTheProjectsClassesAndStartup() throws Exception {
        Result r = shell("System.out.println(1+2)\nSystem.out.println(new SampleSplit().getClass().getName())\n");
        assertEquals(0, r.code, r.err);
        // the prompt is followed by a backspace before the output
        assertTrue(r.out.lines().map(l -> l.replace("\b", "").strip()).anyMatch(l -> l.equals("3") || l.endsWith(" 3")), r.out);
        assertTrue(r.out.contains("ai.brevetti.data.split.SampleSplit"), r.out);
    }

    @Test
    void exitSetsTheExitCodeAndArgumentsReachJshell() throws Exception {
        Result r = shell("/exit 3\n", "--feedback", "concise");
        assertEquals(3, r.code, r.out + r.err);
    }

    /** The DSL in the terminal: job() is the local platform's demo job when nothing else is named. */
    @Test
    void theDslRunsInTheShell(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (ai.brevetti.localplatform.LocalPlatform platform = ai.brevetti.localplatform.LocalPlatform.start(
                ai.brevetti.localplatform.LocalPlatform.Config.ephemeral(dir.resolve("platform")))) {
            ai.brevetti.platform.PlatformTokens.in(dir.resolve("config")).save(platform.url(), platform.accessToken());
            Result r = shell(java.util.Map.of("BREVETTIAI_HOST_NAME", platform.url(), "BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString()),
                    "System.out.println(job().datasets())\nSystem.out.println(job().datasets().first().samples().split().counts(\"purpose\"))\n");
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.contains("Datasets[demo vials ("), r.out + r.err);
            assertTrue(r.out.contains("{train=96, devel=24}"), r.out + r.err);
        }
    }

    /** A fluent chain over several lines starting with '.' (the docs' style) is one snippet: its first line runs once. */
    @Test
    void aChainOverSeveralDotLinesIsOneSnippet() throws Exception {
        Result r = shell("""
                int[] runs = {0}
                var s = String.valueOf(++runs[0]) // counted
                    // the chain goes on
                    .concat("x")
                    .repeat(2)
                System.out.println("chain=" + s + " runs=" + runs[0])
                var g = new SampleSplit().getClass()
                    .getSimpleName()
                System.out.println("class=" + g)
                """);
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("chain=1x1x runs=1"), r.out);
        assertTrue(r.out.contains("class=SampleSplit"), r.out);
        assertTrue(!r.out.contains("illegal start of expression") && !r.out.contains("Error"), r.out);
    }

    /** /help starts with the project's entry points, then JShell's own help. */
    @Test
    void helpStartsWithTheProjectsEntryPoints() throws Exception {
        Result r = shell("/help\n");
        assertEquals(0, r.code, r.out + r.err);
        int ours = r.out.indexOf("job()");
        int jshell = r.out.indexOf("Type a Java language expression");
        assertTrue(ours >= 0 && jshell > ours, r.out);
        for (String name : List.of("imagePipeline(", "generator(samples)", "buildImageDataGenerator(", "JShell's own help", "/list")) {
            assertTrue(r.out.contains(name), name + " in " + r.out);
        }
    }
}
