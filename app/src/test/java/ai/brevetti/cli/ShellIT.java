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
            assertTrue(r.out.contains("Datasets[1]") && r.out.lines().anyMatch(l -> l.startsWith("demo vials ")), r.out + r.err);
            assertTrue(r.out.contains("Counts by purpose [2 values, 120 rows]") && r.out.lines().anyMatch(l -> l.matches("train\\s+96")),
                    r.out + r.err);
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

    /**
     * At a terminal (a pty made by util-linux {@code script}): tab completion still completes, a bracketed paste of
     * a chain is one snippet, Alt-Enter adds a line without evaluating, and /exit's code comes back.
     */
    @Test
    void atATerminalCompletionPasteAndAltEnterWork() throws Exception {
        Pty pty = Pty.shell();
        Process p = pty.process();
        StringBuffer out = pty.out();
        var keys = p.getOutputStream();
        try {
            await(out, "Welcome to JShell", 0);
            int from = out.length();
            type(keys, "String abcdefgh = \"xyz\";\r");
            from = await(out, "abcdefgh ==> \"xyz\"", from);
            type(keys, "abcdefg\t.leng\t\r");         // completes to abcdefgh.length()
            from = await(out, "==> 3", from);
            type(keys, "var t = \"ab\"\033\r    .repeat(2)\r");   // Alt-Enter, then Enter
            from = await(out, "t ==> \"abab\"", from);
            type(keys, "\033[200~var u = \"cd\"\n    .repeat(3)\033[201~\r");   // a bracketed paste
            from = await(out, "u ==> \"cdcdcd\"", from);
            type(keys, "/exit 4\r");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), out.toString());
            assertEquals(4, p.exitValue(), out.toString());
            assertTrue(!out.toString().contains("illegal start of expression"), out.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * At a terminal, a chain typed line by line with plain Enter: each '.' line goes on from the value of the
     * snippet above, which does not run again (the counter in the first line counts one run); a variable declared
     * with {@code var} is continued twice (its type changes on the way), an expression once, a pasted chain, and a
     * step over two lines; a '.' line after a method declaration gets the one-line message and runs nothing; the
     * history keeps the lines as typed.
     */
    @Test
    void atATerminalADotLineTypedAfterEnterContinuesTheSnippetAbove() throws Exception {
        Pty pty = Pty.shell();
        Process p = pty.process();
        StringBuffer out = pty.out();
        var keys = p.getOutputStream();
        try {
            await(out, "Welcome to JShell", 0);
            int from = out.length();
            type(keys, "int[] runs = {0}\r");
            from = await(out, "runs ==> int[1] { 0 }", from);
            type(keys, "var s = String.valueOf(++runs[0]) + \"ab\"\r");
            from = await(out, "s ==> \"1ab\"", from);
            type(keys, "    .repeat(2)\r");
            from = await(out, "s ==> \"1ab1ab\"", from);
            type(keys, ".length() // now an int\r");
            from = await(out, "s ==> 6", from);
            type(keys, "System.out.println(\"runs=\" + runs[0] + \" s+1=\" + (s + 1))\r");
            from = await(out, "runs=1 s+1=7", from);
            type(keys, "\"xyz\".toUpperCase()\r");
            from = await(out, "==> \"XYZ\"", from);
            type(keys, ".charAt(1)\r");
            from = await(out, "==> 'Y'", from);
            type(keys, "\033[200~var u = \"cd\"\n    .repeat(3)\033[201~\r");   // a chain pasted, then continued
            from = await(out, "u ==> \"cdcdcd\"", from);
            type(keys, ".length()\r");
            from = await(out, "u ==> 6", from);
            type(keys, "var l = java.util.List.of(1, 2)\r");
            from = await(out, "l ==> [1, 2]", from);
            type(keys, ".stream().map(x ->\r");     // the step goes on in the next line
            type(keys, "x * 3).toList()\r");
            from = await(out, "l ==> [3, 6]", from);
            type(keys, "void f() {}\r");
            from = await(out, "created method f()", from);
            type(keys, ".x()\r");
            from = await(out, "A '.' line continues nothing here: the snippet above is a method declaration;", from);
            int historyFrom = out.length();
            type(keys, "/history\r");
            from = await(out, "void f() {}\r\n.x()\r\n/history", from);   // the tool's list, one entry a line
            type(keys, "/exit 5\r");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), out.toString());
            assertEquals(5, p.exitValue(), out.toString());
            String history = out.substring(historyFrom, from);
            for (String typed : List.of(".repeat(2)", ".length() // now an int", ".charAt(1)", ".x()")) {
                assertTrue(history.contains(typed), typed + " in the history:\n" + history);
            }
            assertTrue(!history.contains("ChainValue"), history);
            assertTrue(!out.toString().contains("illegal start of expression") && !out.toString().contains("Error:"), out.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    /** {@code bin/brevettiai shell} at a pseudo-terminal (util-linux {@code script}), its output collected as it comes. */
    private record Pty(Process process, StringBuffer out) {
        static Pty shell() throws java.io.IOException {
            Path script = Path.of("/usr/bin/script");
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(script), "no util-linux script for a pty");
            Process p = new ProcessBuilder(script.toString(), "-qfec", ROOT.resolve("bin/brevettiai") + " shell", "/dev/null")
                    .directory(ROOT.toFile()).redirectErrorStream(true).start();
            StringBuffer out = new StringBuffer();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (var in = p.getInputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException e) {
                    out.append(e);
                }
            });
            reader.start();
            return new Pty(p, out);
        }
    }

    private static void type(java.io.OutputStream keys, String text) throws java.io.IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Waits until {@code text} appears in the output after {@code from}; returns where it ends. */
    private static int await(StringBuffer out, String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            int at = out.indexOf(text, from);
            if (at >= 0) {
                Thread.sleep(200); // the editor is back at its prompt
                return at + text.length();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' after " + from + " in:\n" + out);
    }
}
