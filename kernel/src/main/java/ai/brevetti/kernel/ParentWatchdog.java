package ai.brevetti.kernel;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Ends the kernel JVM when the process that started it is gone (a crashed notebook server or client
 * would otherwise leave the kernel running with no one to talk to). The parent is the process named by
 * {@code JPY_PARENT_PID} (set by jupyter_client), else this process's parent.
 */
final class ParentWatchdog {
    static final long POLL_MILLIS = 1000;
    private static final long HALT_AFTER_MILLIS = 5000;

    private ParentWatchdog() {}

    /** Starts watching (a daemon thread); false when there is no parent to watch. */
    static boolean start(PrintStream log) {
        Optional<ProcessHandle> parent = parent();
        if (parent.isEmpty()) {
            return false;
        }
        ProcessHandle watched = parent.get();
        Thread thread = new Thread(() -> {
            while (watched.isAlive()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            log.println("brevettiai kernel: the parent process " + watched.pid() + " is gone; the kernel stops");
            log.flush();
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MILLIS);
                } catch (InterruptedException ignored) {
                    // halt now
                }
                Runtime.getRuntime().halt(0);
            }, "kernel-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(0);
        }, "kernel-parent-watchdog");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    static Optional<ProcessHandle> parent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid != null && pid.strip().matches("\\d+")) {
            Optional<ProcessHandle> named = ProcessHandle.of(Long.parseLong(pid.strip()));
            if (named.isPresent()) {
                return named;
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() > 1);
    }
}
