package ai.brevetti.interfaces.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The points of a {@link RemoteMonitor} in the order they were reported: those waiting to be delivered
 * (at most {@code capacity}; when full, the oldest is dropped for the new one) and the last {@code
 * capacity} reported (for charts), with the counts of what was delivered, refused and dropped. One lock
 * (this object's) guards it all.
 */
final class PointBuffer {
    /** A point waiting to be delivered; {@code seq} orders points and tells a point from an equal one. */
    record Pending(long seq, String json) {
    }

    private final int capacity;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final Deque<Map<String, Object>> history = new ArrayDeque<>();
    private long nextSeq;
    private long dropped;
    private long delivered;
    private long rejected;
    private boolean warnedFull;

    PointBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("RemoteMonitor capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Adds a point after the others, dropping the oldest waiting one when full.
     *
     * @return true when this dropped a point for the first time since {@link #backUp()}: time to warn
     */
    synchronized boolean add(Map<String, Object> point, String json) {
        boolean warn = false;
        if (waiting.size() >= capacity) {
            waiting.pollFirst();
            dropped++;
            warn = !warnedFull;
            warnedFull = true;
        }
        waiting.addLast(new Pending(nextSeq++, json));
        history.addLast(point);
        if (history.size() > capacity) {
            history.pollFirst();
        }
        return warn;
    }

    /** The oldest waiting point, or null. */
    synchronized Pending head() {
        return waiting.peekFirst();
    }

    /** Removes {@code sent} if it is still the head (it may have been dropped meanwhile to make room). */
    synchronized void remove(Pending sent) {
        if (!waiting.isEmpty() && waiting.peekFirst().seq() == sent.seq()) {
            waiting.pollFirst();
        }
    }

    synchronized void countDelivered() {
        delivered++;
    }

    synchronized void countRejected() {
        rejected++;
    }

    /**
     * The target is reachable again: a full buffer warns again next time.
     *
     * @return the points dropped so far
     */
    synchronized long backUp() {
        warnedFull = false;
        return dropped;
    }

    synchronized int size() {
        return waiting.size();
    }

    synchronized long delivered() {
        return delivered;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long rejected() {
        return rejected;
    }

    /** The last {@code capacity} points reported, oldest first. */
    synchronized List<Map<String, Object>> history() {
        return List.copyOf(history);
    }
}
