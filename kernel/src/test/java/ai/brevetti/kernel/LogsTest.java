package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The project's log level switched at run time, for loggers made before the switch too (slf4j-simple). */
class LogsTest {
    @AfterEach
    void restore() {
        Logs.level("info");
    }

    @Test
    void aLoggerMadeBeforeTheSwitchFollowsIt() throws Exception {
        Logger early = LoggerFactory.getLogger("ai.brevetti.kernel.LogsTestEarly");
        Logger other = LoggerFactory.getLogger("org.example.Other");
        Display.logLevel("warn");
        String quiet = Captured.run(() -> {
            early.info("info hidden");
            early.warn("warning kept");
            return null;
        }).err;
        assertFalse(quiet.contains("info hidden"), quiet);
        assertTrue(quiet.contains("warning kept"), quiet);
        Logger late = LoggerFactory.getLogger("ai.brevetti.kernel.LogsTestLate");
        assertFalse(late.isInfoEnabled(), "a logger made after the switch takes it too");

        Display.logLevel("INFO");
        String loud = Captured.run(() -> {
            early.info("info back");
            late.info("late info back");
            return null;
        }).err;
        assertTrue(loud.contains("info back") && loud.contains("late info back"), loud);
        assertFalse(other.isInfoEnabled(), "other libraries keep their level (warn)");
    }

    @Test
    void anUnknownLevelIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Display.logLevel("loud"));
        assertTrue(e.getMessage().contains("'loud'") && e.getMessage().contains("info"), e.getMessage());
    }
}
