package ai.brevetti.interfaces.monitor;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.RetryWindow;
import ai.brevetti.io.IoTools;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training progress on the model page (Python's {@code RemoteMonitor} Keras callback): after each epoch,
 * {@code {"epoch": n, **logs}} is posted to {@code root + path}, as the form field {@code data}
 * (default) or as a JSON body.
 *
 * <pre>{@code
 * RemoteMonitor monitor = job.getRemoteMonitor();          // or new RemoteMonitor(job.hostName(), remotePath)
 * monitor.onEpochEnd(11, Map.of("loss", 0.9, "accuracy", 0.5));
 * trainer.listener(monitor::onEpochEnd);                  // the training module's Trainer
 * trainingConfig.addTrainingListeners(new MonitorListener(monitor));  // a DJL training (training module)
 * }</pre>
 *
 * <p><b>Training never fails because of the monitor.</b> Values that JSON cannot hold (NaN, ±Infinity)
 * are sent as {@code null}. When the server cannot be reached, one warning is logged and the points are
 * kept, in order, in a bounded buffer (10,000 by default; when it is full the oldest are dropped, with one
 * more warning); the next call sends the backlog first, and a background thread retries with backoff
 * (1 s doubling to 1 min) in between. Points the server refuses for good (4xx: a wrong key, a bad point)
 * are dropped with a warning. The API key in the path never reaches a log line.
 *
 * <p>A point may arrive twice when an answer is lost after the server stored it (it is sent again).
 *
 * <p>The parts: {@link PointBuffer} keeps the points in order, {@link Delivery} sends them and goes down and
 * up with the target, {@link RetrySchedule} retries in the background, {@link JsonValues} makes values
 * JSON-safe; this class ties them together. A DJL training reports to it through the training module's
 * {@code ai.brevetti.training.MonitorListener}.
 */
public final class RemoteMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMonitor.class);
    /** Points kept while the server cannot be reached. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final MonitorSink sink;
    private final PointBuffer buffer;
    private final Delivery delivery;
    /** How long {@link #close()} waits for an unreachable target; null: the job retry window. */
    private final Duration closeWait;
    private volatile boolean closed;

    /**
     * A monitor posting to {@code root + path} as the form field {@code data}.
     *
     * @param root the server, e.g. {@code job.hostName()}
     * @param path the endpoint with its query, e.g. {@code /api/models/<id>/remotemonitor?key=<api key>}
     */
    public RemoteMonitor(String root, String path) {
        this(root, path, "data", Map.of(), false);
    }

    /**
     * Python's full signature.
     *
     * @param field the form field that carries the JSON (unused with {@code sendAsJson})
     * @param headers extra HTTP headers (never logged)
     * @param sendAsJson post the point as an {@code application/json} body instead of a form
     */
    public RemoteMonitor(String root, String path, String field, Map<String, String> headers, boolean sendAsJson) {
        this(new HttpMonitorSink(root, path, field, headers, sendAsJson), new PointBuffer(DEFAULT_CAPACITY), Duration.ofSeconds(1),
                Duration.ofMinutes(1), null);
    }

    private RemoteMonitor(MonitorSink sink, PointBuffer buffer, Duration minBackoff, Duration maxBackoff, Duration closeWait) {
        this.sink = sink;
        this.buffer = buffer;
        this.delivery = new Delivery(sink, buffer, minBackoff, maxBackoff);
        this.closeWait = closeWait;
    }

    /**
     * A monitor that appends each point as a line of the JSON Lines file {@code path} (written through
     * {@code io}): what a job without a platform uses ({@code artifacts/remotemonitor.jsonl}).
     */
    public static RemoteMonitor toJsonLines(IoTools io, String path) {
        return builder().jsonLines(io, path).build();
    }

    /** Options beyond Python's: buffer size, retry backoff, a JSON Lines file instead of a server. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link RemoteMonitor}. */
    public static final class Builder {
        private String root;
        private String path;
        private String field = "data";
        private Map<String, String> headers = Map.of();
        private boolean sendAsJson;
        private IoTools io;
        private String file;
        private int capacity = DEFAULT_CAPACITY;
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Duration closeWait;

        private Builder() {
        }

        /** Posts to {@code root + path}. */
        public Builder url(String root, String path) {
            this.root = root;
            this.path = path;
            this.io = null;
            this.file = null;
            return this;
        }

        /** Appends to a JSON Lines file instead. */
        public Builder jsonLines(IoTools io, String path) {
            this.io = Objects.requireNonNull(io, "io");
            this.file = Objects.requireNonNull(path, "path");
            this.root = null;
            return this;
        }

        public Builder field(String field) {
            this.field = field;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = Map.copyOf(headers);
            return this;
        }

        public Builder sendAsJson(boolean sendAsJson) {
            this.sendAsJson = sendAsJson;
            return this;
        }

        /** Points kept while the target cannot be reached (default 10,000). */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** The background retry waits {@code min}, doubling up to {@code max} (default 1 s to 1 min). */
        public Builder retryBackoff(Duration min, Duration max) {
            if (min.isNegative() || min.isZero()) {
                throw new IllegalArgumentException("The retry backoff must be positive, not " + min);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** How long {@link RemoteMonitor#close()} waits for an unreachable target (default: the job retry window, 30 s). */
        public Builder closeWait(Duration wait) {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("The close wait cannot be negative: " + wait);
            }
            this.closeWait = wait;
            return this;
        }

        public RemoteMonitor build() {
            MonitorSink sink;
            if (file != null) {
                sink = new JsonLinesSink(io, file);
            } else if (root != null || path != null) {
                sink = new HttpMonitorSink(root, path, field, headers, sendAsJson);
            } else {
                throw new IllegalStateException("Give the monitor a target: url(root, path) or jsonLines(io, path)");
            }
            return new RemoteMonitor(sink, new PointBuffer(capacity), minBackoff, maxBackoff, closeWait);
        }
    }

    // ---- points

    /**
     * Reports the end of an epoch: sends {@code {"epoch": epoch, **logs}} (after any points still
     * waiting). Never throws because of the server or the values.
     */
    public void onEpochEnd(int epoch, Map<String, ?> logs) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("epoch", epoch);
        if (logs != null) {
            point.putAll(JsonValues.point(logs));
        }
        send(point);
    }

    /** Sends a point as it is (values made JSON-safe as in {@link #onEpochEnd}). */
    public void send(Map<String, ?> point) {
        try {
            Map<String, Object> safe = JsonValues.point(point);
            String json = Json.writePython(safe);
            // the backlog first: delivered points make room before this one is added to a full buffer
            boolean clear = buffer.size() == 0 || delivery.drain(false);
            if (closed) {
                throw new IllegalStateException("the monitor is closed");
            }
            if (buffer.add(safe, json)) {
                LOG.warn("RemoteMonitor: {} training-progress points are waiting for {}; dropping the oldest from now on",
                        buffer.capacity(), sink.describe());
            }
            if (clear || !delivery.isDown()) {
                delivery.drain(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("RemoteMonitor: a training-progress point was not recorded ({}); training goes on", e.toString());
        }
    }

    /** Sends what is waiting now, on this thread. @return true when nothing is left waiting */
    public boolean flush() {
        return delivery.flush();
    }

    /**
     * Sends what is waiting, trying again with backoff (250 ms doubling to 2 s) while the target cannot be
     * reached, for at most {@code wait}: a job's end waits this long for a platform that restarts.
     *
     * @return true when nothing is left waiting
     */
    public boolean flush(Duration wait) {
        return delivery.flush(wait);
    }

    /** Points waiting to be delivered. */
    public int pending() {
        return buffer.size();
    }

    /** Points delivered so far. */
    public long delivered() {
        return buffer.delivered();
    }

    /** Points dropped because the buffer was full. */
    public long dropped() {
        return buffer.dropped();
    }

    /** Whether the last attempt failed (the server could not be reached). */
    public boolean isDown() {
        return delivery.isDown();
    }

    /** The points reported so far (the last {@code capacity}), as sent: for charts. */
    public List<Map<String, Object>> history() {
        return buffer.history();
    }

    /** Where the points go (no secrets). */
    public String target() {
        return sink.describe();
    }

    /**
     * Delivers what is waiting, waiting for an unreachable target at most the close wait ({@link
     * Builder#closeWait}; by default the job retry window, {@value RetryWindow#WINDOW_PROPERTY}, 30 s), then
     * stops the background retries; warns about points that could not be delivered ({@link #pending()} tells
     * how many).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (pending() > 0) {
            flush(closeWait != null ? closeWait : RetryWindow.forJobs().window());
        }
        closed = true;
        delivery.stop();
        int left = pending();
        if (left > 0) {
            LOG.warn("RemoteMonitor: {} training-progress point(s) could not be delivered to {}", left, sink.describe());
        }
    }

    @Override
    public String toString() {
        return "RemoteMonitor[" + sink.describe() + (isDown() ? ", unreachable, " + pending() + " waiting" : "") + "]";
    }
}
