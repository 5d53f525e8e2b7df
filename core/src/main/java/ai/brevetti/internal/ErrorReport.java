package ai.brevetti.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How an error reaches a user: its messages, short, without stack frames; the frames go to a log file
 * ({@link #writeLog}) or, asked for with {@code --stacktrace}, to the screen. Every text it gives out has
 * secrets masked ({@link #redact}).
 */
public final class ErrorReport {
    /** The longest a cause's line gets in the short form (its whole text is in the log). */
    static final int MAX_CAUSE_LENGTH = 240;
    /** How many causes the short form names at most. */
    static final int MAX_CAUSES = 2;
    /** Set to "true" (or BREVETTIAI_STACKTRACE=1) to have stack frames printed: what {@code --stacktrace} does. */
    public static final String STACKTRACE_PROPERTY = "brevettiai.stacktrace";

    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("(?i)(\\b(?:api_?key|key|token|secret|password|x-amz-signature|x-amz-security-token|x-amz-credential)=)[^&\\s\"']+"),
            Pattern.compile("(?i)(\"(?:api_?key|apiKey|secret_?access_?key|secretAccessKey|session_?token|sessionToken|token|password)\"\\s*:\\s*\")[^\"]*"),
            Pattern.compile("(?i)(\\b(?:aws_secret_access_key|aws_session_token)\\s*[=:]\\s*)\\S+"),
            Pattern.compile("(?i)(authorization:\\s*(?:bearer|basic)\\s+)\\S+"));
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private ErrorReport() {}

    /** Whether the user asked for stack frames: {@code -Dbrevettiai.stacktrace=true} or {@code BREVETTIAI_STACKTRACE=1}. */
    public static boolean stackTracesWanted() {
        if (Boolean.getBoolean(STACKTRACE_PROPERTY)) {
            return true;
        }
        String env = System.getenv("BREVETTIAI_STACKTRACE");
        return env != null && (env.equals("1") || env.equalsIgnoreCase("true"));
    }

    /** {@code text} with API keys, tokens and S3 secrets in the usual spellings ({@code key=…}, {@code "api_key": "…"}) masked. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Pattern p : SECRETS) {
            out = p.matcher(out).replaceAll("$1****");
        }
        return out;
    }

    /**
     * The exception's message; for the JDK's file errors, whose message is only the path, what happened
     * to it ({@code permission denied: /x}); the class's simple name when there is no message.
     */
    public static String message(Throwable t) {
        if (t instanceof FileSystemException f) {
            return redact(describe(f));
        }
        String m = t.getMessage();
        return redact(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    private static String describe(FileSystemException f) {
        String what = f instanceof NoSuchFileException ? "no such file or folder"
                : f instanceof AccessDeniedException ? "permission denied"
                : f instanceof FileAlreadyExistsException ? "already exists (a file where a folder is wanted?)"
                : f instanceof NotDirectoryException ? "not a folder"
                : f instanceof DirectoryNotEmptyException ? "the folder is not empty"
                : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        String file = f.getFile() == null ? "" : "'" + f.getFile() + "'";
        String other = f.getOtherFile() == null ? "" : " -> '" + f.getOtherFile() + "'";
        return file.isEmpty() ? what : file + other + ": " + what;
    }

    /**
     * The causes of {@code t} worth a line of their own: those whose message is not already part of a
     * message before them (wrappers often repeat their cause's), at most {@link #MAX_CAUSES}, each as
     * {@code SimpleName: message} cut at {@link #MAX_CAUSE_LENGTH} characters.
     */
    public static List<String> causes(Throwable t) {
        return causes(t, c -> c.getClass().getSimpleName());
    }

    /** {@link #causes(Throwable)} with the class names {@code className} gives (JShell's wrapped exceptions name theirs). */
    public static List<String> causes(Throwable t, Function<Throwable, String> className) {
        List<String> lines = new ArrayList<>();
        StringBuilder seen = new StringBuilder(String.valueOf(t.getMessage()));
        Map<Throwable, Boolean> visited = new IdentityHashMap<>();
        visited.put(t, true);
        for (Throwable c = t.getCause(); c != null && visited.put(c, true) == null; c = c.getCause()) {
            String m = c instanceof FileSystemException ? message(c) : c.getMessage();
            if (m == null || m.isBlank() || seen.indexOf(m.strip()) >= 0 || seen.indexOf(firstLine(m)) >= 0) {
                if (m != null) {
                    seen.append('\n').append(m);
                }
                continue;
            }
            seen.append('\n').append(m);
            if (lines.size() < MAX_CAUSES) {
                lines.add(shorten(className.apply(c) + ": " + redact(firstLine(m))));
            }
        }
        return lines;
    }

    /**
     * The message, then one {@code  caused by: …} line per {@link #causes cause}, unless the exception
     * {@link #explainsItsCauses explains its causes}.
     */
    public static String summary(Throwable t) {
        StringBuilder out = new StringBuilder(message(t));
        if (explainsItsCauses(t)) {
            return out.toString();
        }
        for (String c : causes(t)) {
            out.append("\n  caused by: ").append(c);
        }
        return out.toString();
    }

    /**
     * Whether the project made {@code t} (its class is one of the project's, or the project's code threw
     * it): its message then says what its cause means, and the causes' own messages would only repeat it.
     */
    public static boolean explainsItsCauses(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        return t.getClass().getName().startsWith("ai.brevetti.")
                || frames.length > 0 && frames[0].getClassName().startsWith("ai.brevetti.");
    }

    /** The whole stack trace, secrets masked. */
    public static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return redact(w.toString());
    }

    /**
     * Writes {@code header} and {@code trace} to a new file under {@code <tmp>/brevettiai-errors/}, user-only
     * where the file system allows; returns it, or empty when it cannot be written (the short report
     * then stands alone).
     */
    public static Optional<Path> writeLog(String what, String header, String trace) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "brevettiai-errors"));
            String name = STAMP.format(LocalDateTime.now()) + "-" + ProcessHandle.current().pid() + "-"
                    + what.replaceAll("[^A-Za-z0-9._-]+", "_") + ".log";
            Path file = dir.resolve(name);
            for (int i = 1; Files.exists(file); i++) {
                file = dir.resolve(name.replace(".log", "-" + i + ".log"));
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // the folder's permissions apply
            }
            Files.writeString(file, redact(header) + "\n\n" + redact(trace), StandardCharsets.UTF_8);
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The line that points at the log: {@code (full trace in FILE; --stacktrace prints it)}. */
    public static String logHint(Optional<Path> log) {
        return log.map(p -> "  (full trace in " + p + "; --stacktrace prints it)").orElse("  (--stacktrace prints the full trace)");
    }

    static String firstLine(String message) {
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    static String shorten(String line) {
        return line.length() <= MAX_CAUSE_LENGTH ? line : line.substring(0, MAX_CAUSE_LENGTH - 1) + "…";
    }
}
