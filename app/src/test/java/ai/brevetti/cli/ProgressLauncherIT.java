package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress through the real launcher: a bar on a terminal (a pseudo-terminal made by util-linux's
 * {@code script}), nothing when the output is a pipe, unless {@code BREVETTIAI_PROGRESS} asks.
 */
class ProgressLauncherIT {
    @TempDir
    Path dir;

    static final String SCRIPT = """
            try (var p = ai.brevetti.internal.Progress.start("work", 15)) {
              for (int i = 0; i < 15; i++) { Thread.sleep(100); p.status("loss " + (i + 1)); p.step(); }
            }
            System.out.println("finished");
            """;

    Path script() throws Exception {
        return Files.writeString(dir.resolve("work.jsh"), SCRIPT);
    }

    Map<String, String> isolated(String progress) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("BREVETTIAI_CONFIG_DIR", Files.createDirectories(dir.resolve("config")).toString(),
                "BREVETTIAI_PLATFORM_ROOT", dir.resolve("platform").toString()));
        if (progress != null) {
            env.put("BREVETTIAI_PROGRESS", progress);
        }
        return env;
    }

    /** Runs the launcher on a pseudo-terminal; what the terminal showed. */
    String onATerminal(Map<String, String> env) throws Exception {
        Path log = dir.resolve("terminal.log");
        String command = LauncherIT.ROOT.resolve("bin/brevettiai") + " run " + script();
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, log.toString()).directory(LauncherIT.ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "script did not finish");
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    static void assumeScript() {
        boolean found = List.of("/usr/bin/script", "/bin/script").stream().anyMatch(s -> Files.isExecutable(Path.of(s)));
        Assumptions.assumeTrue(found, "util-linux's script makes the pseudo-terminal");
    }

    @Test
    void aTerminalGetsABarWithTheStatusAndAPipeNothing() throws Exception {
        assumeScript();
        String terminal = onATerminal(isolated(null));
        assertTrue(terminal.contains("work 100%") && terminal.contains("15/15") && terminal.contains("loss 15"), terminal);
        assertTrue(terminal.contains("finished"), terminal);

        LauncherIT.Result piped = LauncherIT.launch(isolated(null), "run", script().toString());
        assertEquals(0, piped.code(), piped.err());
        assertEquals("finished\n", piped.out());
        assertTrue(!piped.err().contains("work") && !piped.err().contains("15/15"), "no bar into a pipe: " + piped.err());
    }

    @Test
    void theEnvironmentVariableAsksForTheBarOrSilencesIt() throws Exception {
        LauncherIT.Result asked = LauncherIT.launch(isolated("always"), "run", script().toString());
        assertEquals(0, asked.code(), asked.err());
        assertEquals("finished\n", asked.out(), "the bar goes to stderr, never into stdout");
        assertTrue(asked.err().contains("work 100%") && asked.err().contains("15/15"), asked.err());

        LauncherIT.Result wrong = LauncherIT.launch(isolated("sometimes"), "run", script().toString());
        assertTrue(wrong.code() != 0, wrong.out());
        assertTrue(wrong.err().contains("BREVETTIAI_PROGRESS is 'sometimes'; give auto"), wrong.err());

        assumeScript();
        String silenced = onATerminal(isolated("never"));
        assertTrue(silenced.contains("finished") && !silenced.contains("15/15"), silenced);
    }
}
