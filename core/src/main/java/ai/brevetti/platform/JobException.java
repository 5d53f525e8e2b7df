package ai.brevetti.platform;

/** A job could not be started or completed; the message names the input and what to do about it. */
public class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
