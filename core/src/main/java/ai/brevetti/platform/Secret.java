package ai.brevetti.platform;

import java.util.Objects;

/**
 * A secret value (an API key, a credential). Its {@code toString()} is masked, so it never reaches logs,
 * outputs or exception messages by accident; {@link #reveal()} is the one explicit way to read it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself: pass it only to the code that needs it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** {@code text} with every occurrence of the secret replaced by as many {@code *}. */
    public String mask(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, "*".repeat(value.length()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
