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

    @Test
    void aKernelStartsAtWarnOrTheLevelItsEnvironmentNamesAndSaysWhenThatIsNoLevel() {
        String old = System.getProperty(Logs.LEVEL_PROPERTY);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            System.clearProperty(Logs.LEVEL_PROPERTY);
            Logs.forNotebooks(java.util.Map.of(), err);
            assertTrue("warn".equals(System.getProperty(Logs.LEVEL_PROPERTY)));
            System.clearProperty(Logs.LEVEL_PROPERTY);
            Logs.forNotebooks(java.util.Map.of(Logs.LEVEL_ENV, " INFO "), err);
            assertTrue("info".equals(System.getProperty(Logs.LEVEL_PROPERTY)));
            System.clearProperty(Logs.LEVEL_PROPERTY);
            Logs.forNotebooks(java.util.Map.of(Logs.LEVEL_ENV, "chatty"), err);
            assertTrue("warn".equals(System.getProperty(Logs.LEVEL_PROPERTY)));
            String said = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(said.contains("BREVETTIAI_LOG_LEVEL='chatty' is not one of"), said);
        } finally {
            System.setProperty(Logs.LEVEL_PROPERTY, old == null ? "info" : old);
            // the short names are for a kernel's JVM, not for this one's other tests
            System.clearProperty("org.slf4j.simpleLogger.showLogName");
            System.clearProperty("org.slf4j.simpleLogger.showShortLogName");
        }
    }
}
