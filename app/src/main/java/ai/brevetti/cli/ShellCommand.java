package ai.brevetti.cli;

import ai.brevetti.kernel.StartupScript;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code brevettiai shell}: the jshell tool in this JVM, with the project's class path and startup.jsh
 * (after jshell's DEFAULT imports). Snippets run in-process ("--execution local"), so the project's classes
 * are the ones on this JVM's class path.
 *
 * <p>Input that is not a terminal goes through {@link ChainedLines}, so a fluent chain written over several lines
 * starting with {@code .} is one snippet. At a terminal the tool's own editor reads the keys (a pasted chain arrives
 * as one bracketed paste, and Alt-Enter adds a line without evaluating), and a {@code .} line typed after Enter
 * continues the value of the snippet above ({@link TerminalContinuation}, {@link DotContinuation}). The tool's
 * {@code /help} starts with the project's entry points ({@link ShellHelp}).
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"JShell with the project's classes and startup.jsh preloaded.",
                "Further arguments go to jshell (e.g. a script to load first, --feedback concise).",
                "A line starting with '.' continues the snippet above: piped or pasted, it is joined to it; typed after Enter,"
                        + " it goes on from the value of the snippet above (run once).",
                "/help starts with the project's entry points (job(), imagePipeline(h, w), ...).",
                "Exit code: jshell's (/exit n)."})
final class ShellCommand implements Callable<Integer> {

    /** How long a line that may go on waits for the next one when no input is ready (a pipe written slowly). */
    static final long CONTINUATION_WAIT_MILLIS = 200;

    @Parameters(paramLabel = "JSHELL_ARGS", description = "Options and files for jshell.")
    List<String> jshellArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TerminalWidth.publish();   // text tables (Samples) fit the terminal
        Path startup = Files.createTempFile("brevettiai-startup-", ".jsh");
        try {
            Files.writeString(startup, StartupScript.source());
            List<String> args = new ArrayList<>(List.of("--execution", "local",
                    "--startup", "DEFAULT", "--startup", startup.toString()));
            args.addAll(jshellArgs);
            boolean terminal = System.console() != null;
            // the tool's feedback and its console (where /help goes at a terminal); the snippets' output as it is
            PrintStream commandOut = new PrintStream(new ShellHelp(System.out), true);
            PrintStream consoleOut = new PrintStream(new ShellHelp(System.out), true);
            JavaShellToolBuilder tool = JavaShellToolBuilder.builder()
                    .out(commandOut, consoleOut, System.out)
                    .interactiveTerminal(terminal);
            if (!terminal) {
                // the tool's input and the snippets' System.in are the same stream, as without a filter
                tool.in(new ChainedLines(System.in, CONTINUATION_WAIT_MILLIS), null);
            }
            try {
                String[] toolArgs = args.toArray(String[]::new);
                return terminal ? TerminalContinuation.start(tool, toolArgs) : tool.start(toolArgs);
            } finally {
                commandOut.close();
                consoleOut.close();
            }
        } finally {
            Files.deleteIfExists(startup);
        }
    }
}
