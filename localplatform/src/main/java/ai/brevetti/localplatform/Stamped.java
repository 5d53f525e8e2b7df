package ai.brevetti.localplatform;

import java.time.Instant;
import java.util.Objects;

/**
 * What the runs index read of one job or dataset, with the stamps of the files it was read from, taken before
 * reading them: a file changed while it was read has a newer stamp, so the next look reads it again.
 *
 * @param record the stamp of the platform's record file
 * @param output the stamp of the job's {@code artifacts/output.json}, or null (no such file; always null for a dataset)
 * @param taken when the stamps were taken (just before the {@code stat} calls)
 * @param value the summary made from those files
 */
record Stamped<T>(FileStamp record, FileStamp output, Instant taken, T value) {
    Stamped {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(taken, "taken");
        Objects.requireNonNull(value, "value");
    }

    /** True when files with these stamps are what {@link #value} was made from, and the stamps can be trusted ({@link FileStamp#SETTLE}). */
    boolean current(FileStamp recordNow, FileStamp outputNow) {
        return record.equals(recordNow) && Objects.equals(output, outputNow)
                && record.settledAt(taken) && (output == null || output.settledAt(taken));
    }
}
