package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interrupting a running evaluation (a notebook's interrupt): the cell fails, the evaluator goes on. */
class EvaluatorStopTest {
    static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator();
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    /** Stops {@code cell} once its first line (which sets the property "stop.test") ran, 300 ms later. */
    private static SnippetFailure stopWhileRunning(String cell) throws Exception {
        System.clearProperty("stop.test");
        return stop(cell, () -> System.getProperty("stop.test") != null, 300);
    }

    private static SnippetFailure stop(String cell, java.util.function.BooleanSupplier started, long afterMillis) throws Exception {
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
            try {
                evaluator.eval(cell, "In[1]", 1);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!started.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(afterMillis);
        assertFalse(result.isDone(), "the cell is still running before the stop");
        evaluator.stop();
        Throwable t = result.get(30, TimeUnit.SECONDS);
        assertTrue(t instanceof SnippetFailure, "the stopped cell failed: " + t);
        return (SnippetFailure) t;
    }

    @Test
    void aBusyLoopIsStoppedAndTheRestOfTheCellDoesNotRun() throws Exception {
        SnippetFailure f = stopWhileRunning("System.setProperty(\"stop.test\", \"started\");\nint reached = 0;\nwhile (true) {}\nreached = 1;\n");
        assertTrue(f.isInterrupt(), f.report());
        assertEquals("In[1]:3: interrupted", f.report());
        assertEquals("0", evaluator.eval("reached", "In[2]", 1).orElseThrow().text());
        assertEquals("3", evaluator.eval("1 + 2", "In[3]", 1).orElseThrow().text());
    }

    @Test
    void aSleepIsStopped() throws Exception {
        SnippetFailure f = stopWhileRunning("System.setProperty(\"stop.test\", \"started\");\nThread.sleep(60_000);\n");
        assertTrue(f.isInterrupt(), f.report());
    }

    @Test
    void aStopWhileTheSnippetCompilesIsNotLost() throws Exception {
        // JShell itself drops a stop that comes while no snippet code runs: here while a (long) snippet compiles
        String slowToCompile = "{ long n = 0; " + "n += System.nanoTime() % 7; ".repeat(2000) + "Thread.sleep(60_000); }";
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread cell = new Thread(() -> {
            try {
                evaluator.eval(slowToCompile + "\nSystem.setProperty(\"stop.test.after\", \"ran\");\n", "In[1]", 1);
                result.complete(null);
            } catch (Exception e) {
                result.complete(e);
            }
        });
        cell.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!compiling(cell) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(compiling(cell), "the snippet is compiling");
        evaluator.stop();
        Throwable t = result.get(30, TimeUnit.SECONDS);
        assertTrue(t instanceof SnippetFailure f && f.isInterrupt(), "the cell was stopped: " + t);
        assertEquals("In[1]:1: interrupted", ((SnippetFailure) t).report());
        assertEquals(null, System.getProperty("stop.test.after"));
    }

    /** Whether {@code thread} is in JShell's eval, in javac. */
    private static boolean compiling(Thread thread) {
        boolean eval = false;
        boolean javac = false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            eval |= frame.getClassName().equals("jdk.jshell.JShell") && frame.getMethodName().equals("eval");
            javac |= frame.getClassName().startsWith("com.sun.tools.javac.");
        }
        return eval && javac;
    }

    @Test
    void aStopWhileIdleChangesNothing() throws Exception {
        evaluator.stop();
        assertEquals("4", evaluator.eval("2 + 2", "In[4]", 1).orElseThrow().text());
        SnippetFailure thrown = assertThrows(SnippetFailure.class, () -> evaluator.eval("throw new IllegalStateException(\"x\")", "In[5]", 1));
        assertFalse(thrown.isInterrupt());
    }
}
