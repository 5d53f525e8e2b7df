package ai.brevetti.interfaces.monitor;

import java.io.IOException;

/** Where a {@link RemoteMonitor} delivers its points, one JSON object text at a time. */
interface MonitorSink {

    /**
     * Delivers one point.
     *
     * @throws IOException when the target cannot be reached now (the point is kept and retried)
     * @throws Rejected when the target refuses the point for good (it is dropped)
     */
    void send(String json) throws IOException, Rejected;

    /** The target for log lines, without secrets. */
    String describe();

    /** The target refused a point; sending it again would not help. */
    final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Rejected(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
