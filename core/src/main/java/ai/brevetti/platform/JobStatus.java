package ai.brevetti.platform;

/** Where a job stands, as this process reported it to the platform. */
public enum JobStatus {
    /** Started, neither completed nor failed. */
    RUNNING,
    /** {@link Job#completeJob()} reached the platform. */
    COMPLETED,
    /** The job ended without completing ({@link Job#failJob(String)}, or closed before completing). */
    FAILED
}
