package ai.brevetti.cli;

import ai.brevetti.internal.TextCells;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal the shell runs in, for text tables ({@code Samples} fit it): {@code stty size}
 * on {@code /dev/tty}, published as {@value TextCells#COLUMNS_PROPERTY} unless it is set. Without a terminal
 * (piped input, Windows) nothing is published and tables use {@code COLUMNS} or 120.
 */
final class TerminalWidth {
    private TerminalWidth() {}

    static void publish() {
        if (System.getProperty(TextCells.COLUMNS_PROPERTY) != null || System.console() == null || !new File("/dev/tty").canRead()) {
            return;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && out.matches("\\d+ \\d+")) {
                System.setProperty(TextCells.COLUMNS_PROPERTY, out.substring(out.indexOf(' ') + 1));
            }
        } catch (IOException e) {
            // no stty: the default width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
