package ai.brevetti.data.annotation;

/** An annotation file that cannot be used as a whole (missing, unreadable, not the platform's JSON); the message names the file. */
public class AnnotationException extends RuntimeException {
    public AnnotationException(String message, Throwable cause) {
        super(message, cause);
    }

    public AnnotationException(String message) {
        super(message);
    }
}
