package ai.brevetti.platform;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Asks the person at the keyboard for the credentials of a platform, the last source a login tries
 * (after the ones given, {@code BREVETTI_AI_USER}/{@code BREVETTI_AI_PW} and remembered ones).
 */
@FunctionalInterface
public interface CredentialPrompt {
    /**
     * The credentials for the platform at {@code host}, or empty when nobody can be asked.
     *
     * @param userName the user name already known (it is then not asked), if any
     */
    Optional<Credentials> ask(String host, Optional<String> userName);

    /**
     * The terminal ({@link System#console()}): the user name is read as a line, the password without echo.
     * Empty when the program has no terminal (a notebook, a job, input or output redirected).
     */
    static CredentialPrompt console() {
        return (host, userName) -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            String user = userName.orElseGet(() -> console.readLine("User name for %s: ", host));
            if (user == null || user.isBlank()) {
                return Optional.empty();
            }
            char[] password = console.readPassword("Password of %s at %s: ", user.strip(), host);
            return password == null || password.length == 0 ? Optional.empty()
                    : Optional.of(new Credentials(user.strip(), Secret.of(new String(password))));
        };
    }

    /**
     * Lines of {@code in}: the user name, then the password, with the prompts written to {@code out}. For input
     * that is not a terminal (a script's pipe, a test): the password is not hidden as it is typed, since it is
     * not typed. Empty at the end of the input or on an empty line.
     */
    static CredentialPrompt reading(BufferedReader in, PrintStream out) {
        return (host, userName) -> {
            try {
                String user = userName.orElse(null);
                if (user == null) {
                    out.print("User name for " + host + ": ");
                    out.flush();
                    user = in.readLine();
                }
                if (user == null || user.isBlank()) {
                    return Optional.empty();
                }
                out.print("Password of " + user.strip() + " at " + host + ": ");
                out.flush();
                String password = in.readLine();
                out.println();
                return password == null || password.isEmpty() ? Optional.empty()
                        : Optional.of(new Credentials(user.strip(), Secret.of(password)));
            } catch (IOException e) {
                throw new UncheckedIOException("Reading the credentials for " + host + ": " + e.getMessage(), e);
            }
        };
    }

    /** Nobody to ask: a login without credentials from elsewhere fails with a message saying how to give them. */
    static CredentialPrompt none() {
        return (host, userName) -> Optional.empty();
    }
}
