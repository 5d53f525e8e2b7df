package ai.brevetti.data.samples;

/** Samples could not be listed or used; the message names the dataset, file or option. */
public class SampleException extends IllegalArgumentException {
    public SampleException(String message) {
        super(message);
    }

    public SampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
