package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain {@code brevettiai run FILE [job args…]} skips building picocli's model of the whole command line;
 * the script sees the same job arguments picocli would give it, verbatim, and every other form is left to picocli.
 */
class DirectRunTest {
    @TempDir
    Path dir;

    @Test
    void aPlainRunRunsTheScriptWithItsJobArgumentsVerbatim() throws Exception {
        Path seen = dir.resolve("seen.txt");
        Path script = Files.writeString(dir.resolve("args.jsh"),
                "Files.writeString(Path.of(\"" + seen + "\"), String.join(\"|\", ai.brevetti.platform.JobArgs.get()));\n");
        assertEquals(Optional.of(0), DirectRun.tryRun(new String[] {"run", script.toString(), "a", "--", "--job_dir=x", "-h", "--stacktrace"}));
        assertEquals("a|--|--job_dir=x|-h|--stacktrace", Files.readString(seen));

        assertEquals(Optional.of(0), DirectRun.tryRun(new String[] {"--stacktrace", "run", script.toString()}));
        assertEquals("", Files.readString(seen));

        Path failing = Files.writeString(dir.resolve("exit.jsh"), "/exit 5\n");
        assertEquals(Optional.of(5), DirectRun.tryRun(new String[] {"run", failing.toString()}));
    }

    @Test
    void everyOtherFormIsLeftToPicocli() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("run"), List.of("run", "--help"), List.of("run", "-V"),
                List.of("run", "--stacktrace", "job.jsh"), List.of("run", "@args.txt"), List.of("run", "job.jsh", "@more.txt"),
                List.of("rnu", "job.jsh"), List.of("shell", "job.jsh"), List.of("--stacktrace"), List.of("--help", "run", "job.jsh"),
                List.of("run", "job\0.jsh"))) {
            assertEquals(Optional.empty(), DirectRun.tryRun(args.toArray(String[]::new)), String.join(" ", args));
        }
    }
}
