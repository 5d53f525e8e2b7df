package ai.brevetti.interfaces.monitor;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.RetryWindow;
import ai.brevetti.io.IoTools;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * trainingConfig.addTrainingListeners(monitor);            // or as a DJL training listener
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
 */
public final class RemoteMonitor implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMonitor.class);
    /** Points kept while the server cannot be reached. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private record Pending(long seq, String json) {
    }

    private final MonitorSink sink;
    private final int capacity;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    /** How long {@link #close()} waits for an unreachable target; null: the job retry window. */
    private final Duration closeWait;

    private final Object queueLock = new Object();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Deque<Map<String, Object>> history = new ArrayDeque<>();
    private final ReentrantLock delivery = new ReentrantLock();
    private long nextSeq;
    private long dropped;
    private long delivered;
    private long rejected;

    private volatile boolean down;
    private boolean warnedFull;
    private final java.util.Set<Integer> warnedStatus = new java.util.HashSet<>();
    private Duration backoff;
    private ScheduledExecutorService retrier;
    private ScheduledFuture<?> retry;
    private volatile boolean closed;
    /** When a {@link #flush(Duration)} last waited in vain (nanoTime), or null. */
    private volatile Long gaveUpAt;

    private int djlEpoch;

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
        this(new HttpMonitorSink(root, path, field, headers, sendAsJson), DEFAULT_CAPACITY, Duration.ofSeconds(1),
                Duration.ofMinutes(1), null);
    }

    private RemoteMonitor(MonitorSink sink, int capacity, Duration minBackoff, Duration maxBackoff, Duration closeWait) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("RemoteMonitor capacity must be positive, not " + capacity);
        }
        this.sink = sink;
        this.capacity = capacity;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff.compareTo(minBackoff) < 0 ? minBackoff : maxBackoff;
        this.backoff = minBackoff;
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
            return new RemoteMonitor(sink, capacity, minBackoff, maxBackoff, closeWait);
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
            logs.forEach((k, v) -> point.put(String.valueOf(k), jsonValue(v)));
        }
        send(point);
    }

    /** Sends a point as it is (values made JSON-safe as in {@link #onEpochEnd}). */
    public void send(Map<String, ?> point) {
        try {
            Map<String, Object> safe = new LinkedHashMap<>();
            point.forEach((k, v) -> safe.put(String.valueOf(k), jsonValue(v)));
            String json = Json.writePython(safe);
            // the backlog first: delivered points make room before this one is added to a full buffer
            boolean clear = pending() == 0 || drain(false);
            enqueue(safe, json);
            if (clear || !down) {
                drain(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("RemoteMonitor: a training-progress point was not recorded ({}); training goes on", e.toString());
        }
    }

    private void enqueue(Map<String, Object> point, String json) {
        if (closed) {
            throw new IllegalStateException("the monitor is closed");
        }
        synchronized (queueLock) {
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
                if (!warnedFull) {
                    warnedFull = true;
                    LOG.warn("RemoteMonitor: {} training-progress points are waiting for {}; dropping the oldest from now on",
                            capacity, sink.describe());
                }
            }
            queue.addLast(new Pending(nextSeq++, json));
            history.addLast(point);
            if (history.size() > capacity) {
                history.pollFirst();
            }
        }
    }

    /**
     * Sends the waiting points in order until one fails. With {@code wait}, waits for a delivery running
     * on another thread; otherwise leaves the work to it.
     *
     * @return true when nothing is left waiting
     */
    private boolean drain(boolean wait) {
        if (wait) {
            delivery.lock();
        } else if (!delivery.tryLock()) {
            return false;
        }
        try {
            while (true) {
                Pending next;
                synchronized (queueLock) {
                    next = queue.peekFirst();
                }
                if (next == null) {
                    if (down) {
                        backUp();
                    }
                    return true;
                }
                try {
                    sink.send(next.json());
                    synchronized (queueLock) {
                        delivered++;
                    }
                } catch (MonitorSink.Rejected r) {
                    synchronized (queueLock) {
                        rejected++;
                    }
                    boolean first;
                    synchronized (warnedStatus) {
                        first = warnedStatus.add(r.status);
                    }
                    if (first) {
                        LOG.warn("RemoteMonitor: {} refused a training-progress point ({}); such points are dropped",
                                sink.describe(), r.getMessage());
                    }
                } catch (IOException | RuntimeException e) {
                    goDown(e);
                    return false;
                }
                synchronized (queueLock) {
                    // the head may have been dropped meanwhile (buffer full): remove only what was sent
                    if (!queue.isEmpty() && queue.peekFirst().seq() == next.seq()) {
                        queue.pollFirst();
                    }
                }
            }
        } finally {
            delivery.unlock();
        }
    }

    private void goDown(Exception e) {
        int waiting = pending();
        if (!down) {
            down = true;
            LOG.warn("Could not reach RemoteMonitor root server at {} ({}); keeping {} training-progress point(s) "
                    + "and retrying; training goes on", sink.describe(), e.getMessage(), waiting);
        } else {
            LOG.debug("RemoteMonitor: {} still unreachable ({}); {} point(s) waiting", sink.describe(), e.getMessage(), waiting);
        }
        scheduleRetry();
    }

    private void backUp() {
        down = false;
        gaveUpAt = null;
        long lost;
        synchronized (queueLock) {
            warnedFull = false;
            lost = dropped;
        }
        synchronized (this) {
            backoff = minBackoff;
        }
        LOG.info("RemoteMonitor: {} is reachable again; the waiting training progress was delivered{}", sink.describe(),
                lost > 0 ? " (" + lost + " oldest point(s) were dropped while it was away)" : "");
    }

    private synchronized void scheduleRetry() {
        if (closed || (retry != null && !retry.isDone())) {
            return;
        }
        if (retrier == null) {
            retrier = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "brevettiai-remote-monitor");
                t.setDaemon(true);
                return t;
            });
        }
        Duration wait = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        retry = retrier.schedule(this::retryInBackground, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retryInBackground() {
        synchronized (this) {
            retry = null;
        }
        try {
            if (!closed && !drain(true) && pending() > 0) {
                scheduleRetry();
            }
        } catch (RuntimeException e) {
            LOG.debug("RemoteMonitor background retry failed: {}", e.toString());
            scheduleRetry();
        }
    }

    /** Sends what is waiting now, on this thread. @return true when nothing is left waiting */
    public boolean flush() {
        try {
            return drain(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Sends what is waiting, trying again with backoff (250 ms doubling to 2 s) while the target cannot be
     * reached, for at most {@code wait}: a job's end waits this long for a platform that restarts.
     *
     * @return true when nothing is left waiting
     */
    public boolean flush(Duration wait) {
        Long gaveUp = gaveUpAt;
        if (gaveUp != null && System.nanoTime() - gaveUp < wait.toNanos()) {
            // unreachable for a whole wait moments ago: one attempt, not another wait
            return flush();
        }
        RetryWindow.Attempts attempts = new RetryWindow(wait, Duration.ofMillis(250), Duration.ofSeconds(2)).start();
        while (true) {
            if (flush() || closed) {
                return pending() == 0;
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

    /** Points waiting to be delivered. */
    public int pending() {
        synchronized (queueLock) {
            return queue.size();
        }
    }

    /** Points delivered so far. */
    public long delivered() {
        synchronized (queueLock) {
            return delivered;
        }
    }

    /** Points dropped because the buffer was full. */
    public long dropped() {
        synchronized (queueLock) {
            return dropped;
        }
    }

    /** Whether the last attempt failed (the server could not be reached). */
    public boolean isDown() {
        return down;
    }

    /** The points reported so far (the last {@code capacity}), as sent: for charts. */
    public List<Map<String, Object>> history() {
        synchronized (queueLock) {
            return List.copyOf(history);
        }
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
        synchronized (this) {
            if (retry != null) {
                retry.cancel(false);
            }
            if (retrier != null) {
                retrier.shutdownNow();
            }
        }
        int left = pending();
        if (left > 0) {
            LOG.warn("RemoteMonitor: {} training-progress point(s) could not be delivered to {}", left, sink.describe());
        }
    }

    @Override
    public String toString() {
        return "RemoteMonitor[" + sink.describe() + (down ? ", unreachable, " + pending() + " waiting" : "") + "]";
    }

    // ---- values

    /** A value as JSON can hold it: non-finite numbers become null, arrays lists, other objects their text. */
    static Object jsonValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : f;
        }
        if (v instanceof BigDecimal || v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : v instanceof BigDecimal ? v : d;
        }
        if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), jsonValue(x)));
            return out;
        }
        if (v instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(x -> out.add(jsonValue(x)));
            return out;
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(jsonValue(Array.get(v, i)));
            }
            return out;
        }
        return String.valueOf(v);
    }

    // ---- DJL

    /** Starts a training: epochs count from 0 again. */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        djlEpoch = 0;
    }

    /**
     * An epoch of a DJL training ended: sends its metrics ({@code loss}, each evaluator by name, and
     * {@code val_loss}, {@code val_<name>} when there was validation), epochs counted from 0 as Keras does.
     */
    @Override
    public void onEpoch(Trainer trainer) {
        int epoch = djlEpoch++;
        Map<String, Object> logs;
        try {
            logs = DjlMetrics.of(trainer, this);
        } catch (RuntimeException e) {
            LOG.warn("RemoteMonitor: cannot read the metrics of epoch {} ({}); sending the epoch alone", epoch, e.toString());
            logs = Map.of();
        }
        onEpochEnd(epoch, logs);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        // per epoch only
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        // per epoch only
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        flush();
    }
}
