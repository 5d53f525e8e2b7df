package ai.brevetti.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A task's progress as one notebook output line that updates in place (Jupyter's update_display_data),
 * at most {@code 1000 / INTERVAL_MILLIS} times a second. Nothing shows for a task that ends within the
 * first interval. Steps may come from several threads. The line goes to the cell's {@link NotebookOutput}.
 */
final class NotebookProgress {
    static final long INTERVAL_MILLIS = 250;

    private final String task;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong nextShowNanos;
    private final NotebookOutput output;
    private volatile NotebookOutput.Updatable handle;
    private volatile String status = "";

    NotebookProgress(String task, long total, NotebookOutput output) {
        this.task = task;
        this.output = output;
        this.total = Math.max(0, total);
        this.nextShowNanos = new AtomicLong(startNanos + INTERVAL_MILLIS * 1_000_000);
    }

    void stepBy(long n, String status) {
        this.status = status;
        done.addAndGet(n);
        long now = System.nanoTime();
        long next = nextShowNanos.get();
        if (now >= next && nextShowNanos.compareAndSet(next, now + INTERVAL_MILLIS * 1_000_000)) {
            show(false);
        }
    }

    void close(String status) {
        this.status = status;
        if (handle != null) {
            show(true);
        }
    }

    private synchronized void show(boolean finished) {
        Line line = render(task, done.get(), total, (System.nanoTime() - startNanos) / 1e9, finished, status);
        if (handle == null) {
            handle = output.show(line.text(), line.html());
        } else {
            handle.update(line.text(), line.html());
        }
    }

    /** The progress line as text/plain and as text/html. */
    record Line(String text, String html) {}

    /** The line as text/plain and text/html. */
    static Line render(String task, long done, long total, double seconds, boolean finished) {
        return render(task, done, total, seconds, finished, "");
    }

    /** The line as text/plain and text/html, with {@code status} (say the last loss) after the times. */
    static Line render(String task, long done, long total, double seconds, boolean finished, String status) {
        double rate = seconds > 0 ? done / seconds : 0;
        String counts = total > 0 ? String.format(Locale.ROOT, "%,d/%,d (%d%%)", done, total, Math.min(100, done * 100 / total))
                : String.format(Locale.ROOT, "%,d", done);
        String speed = String.format(Locale.ROOT, "%.1f/s", rate);
        String time = finished ? "done in " + clock(seconds)
                : total > 0 && rate > 0 ? clock(seconds) + " elapsed, " + clock(Math.max(0, total - done) / rate) + " left"
                : clock(seconds) + " elapsed";
        String tail = status == null || status.isEmpty() ? "" : ", " + status;
        String text = task + " " + bar(done, total) + " " + counts + ", " + speed + ", " + time + tail;
        String html = "<div class=\"brevettiai-progress\"><progress" + (total > 0 ? " value=\"" + Math.min(done, total)
                + "\" max=\"" + total + "\"" : "") + " style=\"width: 20em; vertical-align: middle\"></progress> "
                + escape(task) + " " + counts + ", " + speed + ", " + time + escape(tail) + "</div>";
        return new Line(text, html);
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = total > 0 ? (int) Math.min(width, done * width / total) : 0;
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
