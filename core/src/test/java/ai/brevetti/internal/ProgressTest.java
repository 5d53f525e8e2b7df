package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Progress.Mode;
import ai.brevetti.internal.Progress.Target;
import ai.brevetti.io.ProgressMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The progress abstraction: where it shows, the switch, counts and rate, what listeners see, the terminal bar. */
class ProgressTest {

    @AfterEach
    void reset() {
        Progress.setMode(null);
        Progress.terminal = null;
        Progress.terminalDelayMillis = 1000;
    }

    @Test
    void showsInANotebookCellOrOnATerminalAndNowhereElseUnlessAsked() {
        assertEquals(Target.NOTEBOOK, Progress.target(Mode.AUTO, true, false));
        assertEquals(Target.TERMINAL, Progress.target(Mode.AUTO, false, true));
        assertEquals(Target.NONE, Progress.target(Mode.AUTO, false, false), "a pipe, a log, a test's captured output");
        assertEquals(Target.TERMINAL, Progress.target(Mode.ALWAYS, false, false));
        assertEquals(Target.NOTEBOOK, Progress.target(Mode.ALWAYS, true, false));
        assertEquals(Target.NONE, Progress.target(Mode.NEVER, true, true));
        assertEquals(Target.NONE, Progress.target(Mode.NEVER, false, true));
    }

    @Test
    void theApiThenThePropertyThenTheEnvironmentVariableChoose() {
        assertEquals(Mode.AUTO, Progress.resolve(null, false, null));
        assertEquals(Mode.ALWAYS, Progress.resolve(null, false, "always"));
        assertEquals(Mode.NEVER, Progress.resolve("never", false, "always"), "the property before the environment");
        assertEquals(Mode.NEVER, Progress.resolve(null, true, "always"), "-Dbrevettiai.noProgress=true still silences");
        assertEquals(Mode.ALWAYS, Progress.resolve(" ALWAYS ", true, null));
        assertEquals(Mode.AUTO, Progress.resolve("", false, " "));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Progress.resolve(null, false, "sometimes"));
        assertTrue(bad.getMessage().startsWith("BREVETTIAI_PROGRESS is 'sometimes'; give auto"), bad.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Progress.resolve("x", false, null)).getMessage()
                .startsWith("-Dbrevettiai.progress is 'x'"));

        assertEquals(ProgressMode.AUTO, ProgressMode.current(), "tests run without the switch");
        ProgressMode.set(ProgressMode.NEVER);
        assertEquals(Mode.NEVER, Progress.mode());
        assertEquals(ProgressMode.NEVER, ProgressMode.current());
        ProgressMode.reset();
        assertEquals(Mode.AUTO, Progress.mode());
    }

    @Test
    void listenersSeeEveryStepFromEveryThreadTheStatusAndTheEnd() throws Exception {
        List<Progress.Update> updates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Progress progress;
        try (AutoCloseable l = Progress.listen(updates::add)) {
            try (Progress p = Progress.start("work", 1000)) {
                progress = p;
                for (int i = 0; i < 1000; i++) {
                    pool.submit(p::step);
                }
                pool.shutdown();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
                p.status("loss 0.25");
                assertEquals(1000, p.done());
                assertEquals(1000, p.total());
                assertTrue(p.rate() > 0);
                assertEquals(Target.NONE, p.target(), "no notebook, no terminal in a test");
            }
        }
        assertEquals(new Progress.Update("work", 0, 1000, "", false), updates.get(0), "the start");
        assertEquals(1002 + 1, updates.size(), "start, 1000 steps, the status, the end");
        assertEquals(1000, updates.stream().filter(u -> !u.finished()).mapToLong(Progress.Update::done).max().orElse(0));
        assertEquals(new Progress.Update("work", 1000, 1000, "loss 0.25", true), updates.get(updates.size() - 1));
        progress.close();
        assertEquals(1003, updates.size(), "a second close tells nothing");
        progress.step();
        assertEquals(1003, updates.size(), "a closed listener hears nothing more");
    }

    @Test
    void theTerminalBarShowsCountsAndStatusWhenAskedAndNothingOtherwise() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress.terminal = new PrintStream(out, true, StandardCharsets.UTF_8);
        Progress.terminalDelayMillis = 0;
        try (Progress p = Progress.start("Uploading", 40)) {
            p.stepBy(40);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8), "auto: a test's output is no terminal");

        Progress.setMode(Mode.ALWAYS);
        try (Progress p = Progress.start("Uploading", 40)) {
            p.status("loss 0.5000");
            for (int i = 0; i < 40; i++) {
                p.step();
            }
        }
        String bar = out.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("Uploading") && bar.contains("40/40") && bar.contains("100%") && bar.contains("loss 0.5000"), bar);

        out.reset();
        Progress.setMode(Mode.NEVER);
        try (Progress p = Progress.start("Uploading", 40)) {
            p.stepBy(40);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTaskShorterThanTheDelayShowsNoBar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress.terminal = new PrintStream(out, true, StandardCharsets.UTF_8);
        Progress.terminalDelayMillis = 60_000;
        Progress.setMode(Mode.ALWAYS);
        try (Progress p = Progress.start("quick", 5)) {
            p.stepBy(5);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
