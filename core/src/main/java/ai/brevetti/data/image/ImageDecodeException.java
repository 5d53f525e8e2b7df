package ai.brevetti.data.image;

/** Bytes that are not an image this library can decode (unknown format, truncated or corrupt data). */
public class ImageDecodeException extends RuntimeException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
