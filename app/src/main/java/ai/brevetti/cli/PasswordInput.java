package ai.brevetti.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A password for a command: the first line of {@code --password-file} ({@code -}: standard input), else typed
 * at the terminal without echo. Never an option's value (it would show in {@code ps} and the shell's history).
 */
final class PasswordInput {
    private PasswordInput() {
    }

    /** The first line of {@code file} ({@code -}: standard input), without its line break. */
    static char[] fromFile(Path file, String command) {
        try {
            String line;
            if (file.toString().equals("-")) {
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } else {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    line = in.readLine();
                }
            }
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException(command + ": the password file " + file + " is empty (its first line is the password)");
            }
            return line.toCharArray();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(command + ": no password file " + file + " (--password-file)");
        } catch (IOException e) {
            throw new IllegalArgumentException(command + ": cannot read the password file " + file + ": " + e.getMessage());
        }
    }

    /**
     * A new password typed twice at the terminal (no echo); empty when there is no terminal or nothing was
     * typed. Up to three tries when the two differ.
     */
    static Optional<char[]> newPassword(Console console, String prompt) {
        for (int attempt = 0; attempt < 3; attempt++) {
            char[] first = console.readPassword("%s", prompt);
            if (first == null || first.length == 0) {
                return Optional.empty();
            }
            char[] again = console.readPassword("%s", "Again: ");
            if (again != null && java.util.Arrays.equals(first, again)) {
                java.util.Arrays.fill(again, '\0');
                return Optional.of(first);
            }
            java.util.Arrays.fill(first, '\0');
            console.printf("%s%n", "The two differ; try again.");
        }
        return Optional.empty();
    }
}
