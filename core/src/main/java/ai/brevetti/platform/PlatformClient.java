package ai.brevetti.platform;

import ai.brevetti.interfaces.monitor.RemoteMonitor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a job tells the platform, and asks it. One interface for the real platform, the local platform
 * server and a plain job folder with no platform at all ({@link LocalFolderPlatform}).
 */
public interface PlatformClient {

    /** Where this client delivers, for log lines (never containing secrets). */
    String describe();

    /** Publishes a Vega-Lite chart on the model page under {@code name}. */
    void uploadChart(String name, String vegaLiteJson);

    /** A new monitor for the job's training progress (the platform's remote-monitor endpoint, or a file). */
    RemoteMonitor remoteMonitor();

    /** The tag trees of the job's organisation. */
    List<Tag> getRootTags();

    /**
     * Marks the job finished.
     *
     * @param modelPath the model archive's path relative to the job folder ({@code artifacts/…}), if any
     * @param outputArgs extra query arguments appended verbatim (test reports: {@code &facetsFile=…})
     */
    void complete(Optional<String> modelPath, String outputArgs);

    /**
     * Marks the job failed: it ended without completing. A completed job cannot fail; failing a failed job
     * again replaces its message.
     *
     * @param message what went wrong, secrets already masked (see {@link #secrets()})
     */
    void fail(String message);

    /** The secrets this client holds or handed out (the API key, S3 credentials): what a report must mask. */
    default Collection<Secret> secrets() {
        return List.of();
    }

    /** True when the job has a model page on this platform; false for a plain job folder. */
    default boolean hasModelPage() {
        return true;
    }
}
