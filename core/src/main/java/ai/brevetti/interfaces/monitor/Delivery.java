package ai.brevetti.interfaces.monitor;

import ai.brevetti.internal.RetryWindow;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the waiting points of a {@link PointBuffer} to a {@link MonitorSink}, oldest first, one sender
 * at a time (its one lock). A point the target refuses for good is dropped (one warning per status); when
 * the target cannot be reached, delivery stops, the monitor is down (one warning) and a {@link
 * RetrySchedule} tries again in the background until it is reachable again.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMonitor.class);

    private final MonitorSink sink;
    private final PointBuffer buffer;
    private final RetrySchedule retries;
    private final ReentrantLock sending = new ReentrantLock();
    private final Set<Integer> warnedStatus = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    /** When a {@link #flush(Duration)} last waited in vain (nanoTime), or null. */
    private volatile Long gaveUpAt;

    Delivery(MonitorSink sink, PointBuffer buffer, Duration minBackoff, Duration maxBackoff) {
        this.sink = sink;
        this.buffer = buffer;
        this.retries = new RetrySchedule(minBackoff, maxBackoff, this::retryInBackground);
    }

    /**
     * Sends the waiting points in order until one fails. With {@code wait}, waits for a delivery running
     * on another thread; otherwise leaves the work to it.
     *
     * @return true when nothing is left waiting
     */
    boolean drain(boolean wait) {
        if (wait) {
            sending.lock();
        } else if (!sending.tryLock()) {
            return false;
        }
        try {
            while (true) {
                PointBuffer.Pending next = buffer.head();
                if (next == null) {
                    if (down) {
                        backUp();
                    }
                    return true;
                }
                try {
                    sink.send(next.json());
                    buffer.countDelivered();
                } catch (MonitorSink.Rejected r) {
                    buffer.countRejected();
                    if (warnedStatus.add(r.status)) {
                        LOG.warn("RemoteMonitor: {} refused a training-progress point ({}); such points are dropped",
                                sink.describe(), r.getMessage());
                    }
                } catch (IOException | RuntimeException e) {
                    goDown(e);
                    return false;
                }
                buffer.remove(next);
            }
        } finally {
            sending.unlock();
        }
    }

    /** Sends what is waiting now, on this thread. @return true when nothing is left waiting */
    boolean flush() {
        try {
            return drain(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Sends what is waiting, trying again with backoff (250 ms doubling to 2 s) while the target cannot be
     * reached, for at most {@code wait}; right after a wait that was in vain, one attempt only.
     *
     * @return true when nothing is left waiting
     */
    boolean flush(Duration wait) {
        Long gaveUp = gaveUpAt;
        if (gaveUp != null && System.nanoTime() - gaveUp < wait.toNanos()) {
            // unreachable for a whole wait moments ago: one attempt, not another wait
            return flush();
        }
        RetryWindow.Attempts attempts = new RetryWindow(wait, Duration.ofMillis(250), Duration.ofSeconds(2)).start();
        while (true) {
            if (flush() || retries.stopped()) {
                return buffer.size() == 0;
            }
            try {
                if (!attempts.pauseBeforeNext()) {
                    gaveUpAt = System.nanoTime();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Whether the last attempt failed (the target could not be reached). */
    boolean isDown() {
        return down;
    }

    /** No more background retries. */
    void stop() {
        retries.stop();
    }

    private void goDown(Exception e) {
        int waiting = buffer.size();
        if (!down) {
            down = true;
            LOG.warn("Could not reach RemoteMonitor root server at {} ({}); keeping {} training-progress point(s) "
                    + "and retrying; training goes on", sink.describe(), e.getMessage(), waiting);
        } else {
            LOG.debug("RemoteMonitor: {} still unreachable ({}); {} point(s) waiting", sink.describe(), e.getMessage(), waiting);
        }
        retries.schedule();
    }

    private void backUp() {
        down = false;
        gaveUpAt = null;
        long lost = buffer.backUp();
        retries.reset();
        LOG.info("RemoteMonitor: {} is reachable again; the waiting training progress was delivered{}", sink.describe(),
                lost > 0 ? " (" + lost + " oldest point(s) were dropped while it was away)" : "");
    }

    private void retryInBackground() {
        try {
            if (!drain(true) && buffer.size() > 0) {
                retries.schedule();
            }
        } catch (RuntimeException e) {
            LOG.debug("RemoteMonitor background retry failed: {}", e.toString());
            retries.schedule();
        }
    }
}
