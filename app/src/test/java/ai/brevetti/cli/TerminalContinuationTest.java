package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Jupyter;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The launcher opens for {@code shell} the JDK internals {@link TerminalContinuation} reaches into. */
class TerminalContinuationTest {

    @Test
    void theLauncherOpensTheInternalsForTheShell() throws Exception {
        String launcher = Files.readString(Jupyter.ROOT.resolve("bin/brevettiai"));
        String shellLine = launcher.lines().filter(l -> l.strip().startsWith("shell)")).findFirst().orElseThrow(
                () -> new AssertionError("no shell) case in bin/brevettiai"));
        for (String option : TerminalContinuation.JVM_OPTIONS.split(" ")) {
            assertTrue(shellLine.contains(option), option + " in " + shellLine);
        }
    }
}
