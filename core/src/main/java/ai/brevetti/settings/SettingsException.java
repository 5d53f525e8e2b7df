package ai.brevetti.settings;

/** Settings could not be read, converted or validated; the message names the key or flag and the value. */
public class SettingsException extends IllegalArgumentException {
    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
