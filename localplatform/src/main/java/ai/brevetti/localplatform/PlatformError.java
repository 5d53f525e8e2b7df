package ai.brevetti.localplatform;

/** An HTTP error answer of the local platform: status and a message for the client. */
final class PlatformError extends RuntimeException {
    final int status;

    PlatformError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
