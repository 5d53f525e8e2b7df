package ai.brevetti.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Runs code with System.out and System.err captured (slf4j-simple logs to the current System.err). */
public final class Captured<T> {
    public final T value;
    public final String out;
    public final String err;

    private Captured(T value, String out, String err) {
        this.value = value;
        this.out = out;
        this.err = err;
    }

    public static <T> Captured<T> run(Callable<T> code) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            T value = code.call();
            return new Captured<>(value, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
