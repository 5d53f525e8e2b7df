package ai.brevetti.kernel;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level of the project's log lines ({@code ai.brevetti.*}) on slf4j-simple, the binding the app ships.
 * A notebook kernel starts at {@code warn} with short lines ({@code WARN Job - message}): INFO lines stay out
 * of cells. {@link #level(String)} changes it at run time, for loggers already made too
 * ({@code Display.logLevel("info")} in a cell); {@code BREVETTIAI_LOG_LEVEL} or
 * {@code -Dorg.slf4j.simpleLogger.log.ai.brevetti=LEVEL} choose the kernel's start level.
 */
final class Logs {
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.ai.brevetti";
    static final String LEVEL_ENV = "BREVETTIAI_LOG_LEVEL";
    private static final String PROJECT = "ai.brevetti";
    private static final Map<String, Integer> LEVELS = Map.of("trace", 0, "debug", 10, "info", 20, "warn", 30, "error", 40, "off", 50);

    private Logs() {}

    /**
     * What a notebook kernel logs: the project's warnings and errors as short lines, unless
     * {@code BREVETTIAI_LOG_LEVEL} or the level's system property says otherwise. Must run before the first
     * logger is made (slf4j-simple reads its format once).
     */
    static void forNotebooks(Map<String, String> environment, PrintStream err) {
        String env = environment.get(LEVEL_ENV);
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            String asked = env == null ? "warn" : env.trim().toLowerCase(Locale.ROOT);
            if (!LEVELS.containsKey(asked)) {
                err.println("brevettiai kernel: " + LEVEL_ENV + "='" + env + "' is not one of trace, debug, info, warn, error,"
                        + " off; the project logs at warn");
                asked = "warn";
            }
            System.setProperty(LEVEL_PROPERTY, asked);
        }
        if (System.getProperty("org.slf4j.simpleLogger.showLogName") == null
                && System.getProperty("org.slf4j.simpleLogger.showShortLogName") == null) {
            System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
            System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        }
    }

    /**
     * Sets the level of the project's loggers, those made already and those to come.
     *
     * @return empty when every logger took the level, else why not
     * @throws IllegalArgumentException for a level that is not trace, debug, info, warn, error or off
     */
    static Optional<String> level(String level) {
        String name = level == null ? "" : level.trim().toLowerCase(Locale.ROOT);
        Integer value = LEVELS.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Log level '" + level + "' is not one of trace, debug, info, warn, error, off");
        }
        System.setProperty(LEVEL_PROPERTY, name);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals("org.slf4j.simple.SimpleLoggerFactory")) {
            return Optional.of("Log level of ai.brevetti set to " + name + " for slf4j-simple; the logging binding here is "
                    + factory.getClass().getName() + ": configure it instead");
        }
        try {
            Field map = factory.getClass().getDeclaredField("loggerMap");
            map.setAccessible(true);
            Field current = Class.forName("org.slf4j.simple.SimpleLogger", false, factory.getClass().getClassLoader())
                    .getDeclaredField("currentLogLevel");
            current.setAccessible(true);
            for (Object logger : ((Map<?, ?>) map.get(factory)).values()) {
                String loggerName = ((Logger) logger).getName();
                if (current.getDeclaringClass().isInstance(logger)
                        && (loggerName.equals(PROJECT) || loggerName.startsWith(PROJECT + "."))) {
                    current.setInt(logger, value);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.of("Log level of ai.brevetti set to " + name
                    + " for loggers made from now on; those made already keep theirs (" + e + ")");
        }
        return Optional.empty();
    }
}
