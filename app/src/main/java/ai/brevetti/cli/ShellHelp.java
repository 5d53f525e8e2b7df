package ai.brevetti.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The jshell tool's command output with the project's entry points in front of JShell's own {@code /help}: the
 * line that begins the tool's overview ({@link #JSHELL_OVERVIEW}, JShell's English text) gets {@link #ENTRY_POINTS}
 * before it, each line with that line's prefix ({@code |  } in the usual feedback modes). Everything else passes
 * unchanged; a line is held only until its end or the next flush (a message line that may still become the overview,
 * until its end).
 */
final class ShellHelp extends FilterOutputStream {
    /** How the jshell tool's {@code /help} (without a subject) begins (JDK 17 to 25, English). */
    static final String JSHELL_OVERVIEW = "Type a Java language expression, statement, or declaration.";

    /** The project's entry points (startup.jsh imports them and {@code ai.brevetti.dsl.Brevetti.*}). */
    static final List<String> ENTRY_POINTS = List.of(
            "brevettiai: startup.jsh has imported the project's packages and its DSL (ai.brevetti.dsl.Brevetti.*):",
            "  job()                          the current job (the local platform's demo job when none is named);",
            "                                 job().datasets(), job().settings(), job().uploadArtifact(name, text)",
            "  job(\"--job_id\", ID, ...)       a job started from job arguments, as a script's; resetJob() forgets it",
            "  job().datasets().first().samples()   the samples of a dataset; .split(), .counts(\"folder\"), .head(5)",
            "  split()                        the default split (80 % train, seed 1)",
            "  generator(samples)             a DataGenerator (batch 32, seed 1): .batchSize(8).shuffle(true).map(...)",
            "  imagePipeline(height, width)   images loaded and resized; augmenter() the default augmentation",
            "  buildImageDataGenerator(samples, imagePipeline(64, 64))   images and one-hot classes in batches",
            "  show(batch), tile2d(images, rows, cols), plot(title, values), oneHot(), display(x)",
            "  Job, Samples, SampleSplit, ImagePipeline, DemoData, ...   the classes, by their simple names",
            "A line starting with '.' continues the snippet above: pasted or piped, it joins it (one snippet);",
            "typed after Enter, it goes on from the value above, which does not run again: after an expression",
            "from its $N, after var s = ... or an assignment s = ... s becomes the continued value (var s may change",
            "type). Anything else gets a message; Alt-Enter (or Ctrl-V Enter) adds a line without evaluating.",
            "Docs: README.md, docs/.",
            "",
            "JShell's own help:");

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ShellHelp(OutputStream out) {
        super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emitLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!mayBeginOverview(line.toString(StandardCharsets.ISO_8859_1))) {
            line.writeTo(out);
            line.reset();
        }
        out.flush();
    }

    /** True for the start of a message line ({@code |  Type a Ja}) that may go on to be the overview's first line. */
    static boolean mayBeginOverview(String partial) {
        int start = Math.max(partial.lastIndexOf('\b'), partial.lastIndexOf('\r')) + 1;
        int bar = partial.indexOf('|', start);
        if (bar < 0) {
            return false;
        }
        return JSHELL_OVERVIEW.startsWith(partial.substring(bar + 1).stripLeading());
    }

    /** Writes what is held and flushes; the stream under it stays open (it is the process's standard output). */
    @Override
    public synchronized void close() throws IOException {
        line.writeTo(out);
        line.reset();
        out.flush();
    }

    private void emitLine() throws IOException {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        int at = text.indexOf(JSHELL_OVERVIEW);
        if (at >= 0) {
            // the prefix is what precedes the text on its line, after any prompt and backspaces written before it
            int start = Math.max(text.lastIndexOf('\b', at), text.lastIndexOf('\r', at)) + 1;
            int prefixStart = text.indexOf('|', start);
            if (prefixStart < 0 || prefixStart > at) {
                prefixStart = start;
            }
            String prefix = text.substring(prefixStart, at);
            String lineBreak = text.endsWith("\r\n") ? "\r\n" : "\n";
            StringBuilder preface = new StringBuilder(text.substring(0, prefixStart));
            for (String entry : ENTRY_POINTS) {
                preface.append((prefix + entry).stripTrailing()).append(lineBreak);
            }
            out.write(preface.toString().getBytes(StandardCharsets.UTF_8));
            out.write(text.substring(prefixStart).getBytes(StandardCharsets.ISO_8859_1));
        } else {
            line.writeTo(out);
        }
        line.reset();
    }
}
