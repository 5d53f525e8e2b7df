package ai.brevetti.interfaces.monitor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a retry on a background thread after a pause that doubles from {@code min} to {@code max} between
 * consecutive retries, at most one waiting at a time, until {@link #stop()}. The thread is made at the first
 * retry (a monitor that never fails has none) and is a daemon. One lock (this object's).
 */
final class RetrySchedule {
    private final Duration min;
    private final Duration max;
    private final Runnable retry;
    private Duration next;
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> waiting;
    private boolean stopped;

    RetrySchedule(Duration min, Duration max, Runnable retry) {
        this.min = min;
        this.max = max.compareTo(min) < 0 ? min : max;
        this.next = min;
        this.retry = retry;
    }

    /** Runs the retry after the next pause, unless one is waiting already or the schedule stopped. */
    synchronized void schedule() {
        if (stopped || (waiting != null && !waiting.isDone())) {
            return;
        }
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "brevettiai-remote-monitor");
                t.setDaemon(true);
                return t;
            });
        }
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        waiting = thread.schedule(this::run, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        synchronized (this) {
            waiting = null;
            if (stopped) {
                return;
            }
        }
        retry.run();
    }

    /** The next pause is {@code min} again (the target answered). */
    synchronized void reset() {
        next = min;
    }

    /** No more retries; a waiting one is cancelled and the thread ends. */
    synchronized void stop() {
        stopped = true;
        if (waiting != null) {
            waiting.cancel(false);
        }
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    synchronized boolean stopped() {
        return stopped;
    }
}
