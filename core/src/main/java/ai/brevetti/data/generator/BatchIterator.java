package ai.brevetti.data.generator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches in order, made by worker threads a bounded number ahead (prefetch). Each batch is a pure
 * function of (epoch, batch index), so the result does not depend on the number of workers; memory is
 * bounded by the prefetch window. The window is given, or sized by memory: twice the workers until the
 * first batch is delivered, then as many batches as fit in {@value #AUTO_BYTES} bytes of arrays (measured
 * on that batch), between twice the workers and {@value #AUTO_MAX}.
 */
final class BatchIterator implements Iterator<Batch>, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** The memory the window sized by memory may hold (the arrays of its batches). */
    static final long AUTO_BYTES = 64L << 20;
    /** The most batches the window sized by memory holds. */
    static final int AUTO_MAX = 16;

    /** Makes one batch. */
    interface Maker {
        Batch make(int epoch, int index) throws Exception;
    }

    private final Maker maker;
    private final int batchesPerEpoch;
    private final long epochs;
    private final int workers;
    private final boolean auto;
    private int prefetch;
    private final ThreadPoolExecutor pool;
    private final Deque<Future<Batch>> window = new ArrayDeque<>();
    private long submitted;
    private long delivered;

    /**
     * @param epochs   how many epochs ({@code Long.MAX_VALUE}: forever)
     * @param prefetch how many batches may be in flight (submitted, not yet delivered; the one asked for included);
     *                 0: sized by memory
     */
    BatchIterator(Maker maker, int batchesPerEpoch, long epochs, int workers, int prefetch) {
        this.maker = maker;
        this.batchesPerEpoch = batchesPerEpoch;
        this.epochs = batchesPerEpoch == 0 ? 0 : epochs;
        this.workers = workers;
        this.auto = prefetch == 0;
        this.prefetch = auto ? minimum(workers) : prefetch;
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "generator-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    private boolean more(long n) {
        return epochs == Long.MAX_VALUE || n < epochs * batchesPerEpoch;
    }

    private void fill() {
        while (window.size() < prefetch && more(submitted)) {
            int epoch = (int) (submitted / batchesPerEpoch);
            int index = (int) (submitted % batchesPerEpoch);
            window.add(pool.submit(() -> maker.make(epoch, index)));
            submitted++;
        }
    }

    /** The smallest window: twice the workers, at least 2. */
    static int minimum(int workers) {
        return Math.max(2, 2 * workers);
    }

    /** The window sized by memory for batches like {@code batch}: see the class comment. */
    static int sized(Batch batch, int workers) {
        long bytes = 0;
        for (String key : batch.keys()) {
            if (batch.get(key) instanceof Tensor t) {
                bytes += 4L * t.data().length;
            }
        }
        long fit = bytes == 0 ? AUTO_MAX : AUTO_BYTES / bytes;
        return (int) Math.max(minimum(workers), Math.min(AUTO_MAX, fit));
    }

    @Override
    public boolean hasNext() {
        boolean has = more(delivered);
        if (!has) {
            close();
        }
        return has;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        fill();
        Future<Batch> next = window.poll();
        delivered++;
        try {
            Batch batch = next.get();
            if (auto && delivered == 1) {
                prefetch = sized(batch, workers);
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new GeneratorException("Interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            throw cause instanceof GeneratorException g ? g : new GeneratorException(String.valueOf(cause.getMessage()), cause);
        }
    }

    /**
     * Stops the workers; batches not yet delivered are dropped. Batches being made are left to finish (not
     * interrupted: an interrupted read would look like a broken file), queued ones never start.
     */
    @Override
    public void close() {
        window.forEach(f -> f.cancel(false));
        window.clear();
        pool.shutdown();
    }
}
