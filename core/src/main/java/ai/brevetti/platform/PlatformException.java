package ai.brevetti.platform;

/**
 * The platform answered with an error, or could not be reached. The message names what was asked, the
 * status and what to do; URLs in it have the API key masked.
 */
public class PlatformException extends JobException {
    private final int status;

    public PlatformException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PlatformException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the platform could not be reached. */
    public int status() {
        return status;
    }
}
