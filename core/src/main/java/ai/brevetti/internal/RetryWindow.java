package ai.brevetti.internal;

import java.time.Duration;

/**
 * How long an idempotent call (the same bytes PUT again, a chart keyed by its name, a job's completion)
 * keeps trying through an outage: attempts with a doubling pause ({@code firstBackoff} up to
 * {@code maxBackoff}) until {@code window} has passed since the first attempt. A platform restart of a few
 * seconds then costs a job a pause, not its run.
 *
 * <p>{@link #forJobs()} is 30 s, set by the system property {@value #WINDOW_PROPERTY} (milliseconds; tests
 * make it short), starting at {@value #BACKOFF_PROPERTY} (250 ms by default).
 *
 * @param window how long after the first attempt another one may start
 * @param firstBackoff the pause after the first failure
 * @param maxBackoff the longest pause
 */
public record RetryWindow(Duration window, Duration firstBackoff, Duration maxBackoff) {
    public static final String WINDOW_PROPERTY = "brevettiai.retry.windowMillis";
    public static final String BACKOFF_PROPERTY = "brevettiai.http.backoffMillis";

    public RetryWindow {
        if (window.isNegative() || firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException("A retry window needs a window >= 0 and a positive backoff, not " + window + "/" + firstBackoff);
        }
        maxBackoff = maxBackoff.compareTo(firstBackoff) < 0 ? firstBackoff : maxBackoff;
    }

    /** A job's calls and writes: 30 s (or {@value #WINDOW_PROPERTY}), pauses from 250 ms doubling to 4 s. */
    public static RetryWindow forJobs() {
        return new RetryWindow(Duration.ofMillis(Long.getLong(WINDOW_PROPERTY, 30_000)),
                Duration.ofMillis(Math.max(1, Long.getLong(BACKOFF_PROPERTY, 250))), Duration.ofSeconds(4));
    }

    /** A person's command (creating a model, a dataset): a short window, so a stopped platform is reported at once. */
    public static RetryWindow forCommands() {
        return new RetryWindow(Duration.ofMillis(Math.min(2_000, Long.getLong(WINDOW_PROPERTY, 2_000))),
                Duration.ofMillis(Math.max(1, Long.getLong(BACKOFF_PROPERTY, 250))), Duration.ofSeconds(1));
    }

    /** One attempt only. */
    public static RetryWindow none() {
        return new RetryWindow(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1));
    }

    /** The attempts of one call: {@link #pauseBeforeNext()} says whether and after what pause to try again. */
    public Attempts start() {
        return new Attempts(this, System.nanoTime());
    }

    /** The progress of one call through its window. */
    public static final class Attempts {
        private final RetryWindow policy;
        private final long start;
        private Duration next;
        private int count = 1;

        private Attempts(RetryWindow policy, long start) {
            this.policy = policy;
            this.start = start;
            this.next = policy.firstBackoff();
        }

        /**
         * After a failed attempt: sleeps the next pause and returns true when another attempt still starts
         * within the window; returns false (without sleeping) when the window is over.
         *
         * @throws InterruptedException when the thread is interrupted while waiting
         */
        public boolean pauseBeforeNext() throws InterruptedException {
            long elapsed = System.nanoTime() - start;
            if (elapsed + next.toNanos() > policy.window().toNanos()) {
                return false;
            }
            Thread.sleep(next.toMillis());
            Duration doubled = next.multipliedBy(2);
            next = doubled.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : doubled;
            count++;
            return true;
        }

        /** Attempts made so far. */
        public int count() {
            return count;
        }

        /** Time since the first attempt. */
        public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
