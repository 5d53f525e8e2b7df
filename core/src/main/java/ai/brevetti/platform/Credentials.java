package ai.brevetti.platform;

import java.util.Objects;

/**
 * A user name and password for the platform's login ({@code POST /api/account/token}). The password is a
 * {@link Secret}: {@code toString()} shows the user name only.
 *
 * @param userName the account's user name (e-mail address on the real platform)
 * @param password its password
 */
public record Credentials(String userName, Secret password) {
    public Credentials {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        if (userName.isBlank()) {
            throw new IllegalArgumentException("The user name to log in with is empty");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("The password to log in as " + userName + " is empty");
        }
    }

    public static Credentials of(String userName, String password) {
        return new Credentials(userName, Secret.of(password));
    }

    @Override
    public String toString() {
        return "Credentials[" + userName + ", ****]";
    }
}
