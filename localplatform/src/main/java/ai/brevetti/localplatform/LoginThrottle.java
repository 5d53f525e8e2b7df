package ai.brevetti.localplatform;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing on the local platform's login: after {@value #FREE_FAILURES} failed logins
 * in a row, the next attempt must wait 1 s, then 2, 4, … up to 5 min (doubling with each further failure),
 * whatever user name or password it sends; a success starts over. One counter for the platform, since it
 * has one user and a guesser could change the name at will. Together with the hash's cost (one check at
 * a time), guessing gets a few tries per second at best, then fewer and fewer.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private int failures;
    private long lockedUntil;
    private boolean locked;

    /** How long the next attempt must still wait, if it must. */
    synchronized Optional<Duration> waitLeft() {
        if (!locked) {
            return Optional.empty();
        }
        long left = lockedUntil - System.nanoTime();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    synchronized void failed() {
        failures++;
        if (failures >= FREE_FAILURES) {
            int doublings = Math.min(failures - FREE_FAILURES, 20);
            Duration wait = Duration.ofSeconds(1L << doublings);
            lockedUntil = System.nanoTime() + (wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait).toNanos();
            locked = true;
        }
    }

    synchronized void succeeded() {
        failures = 0;
        locked = false;
    }

    @Override
    public synchronized String toString() {
        return "LoginThrottle[" + failures + " failures]";
    }
}
