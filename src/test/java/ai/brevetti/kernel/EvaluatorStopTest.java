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

    private static SnippetFailure stopWhileRunning(String cell) throws Exception {
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
            try {
                evaluator.eval(cell, "In[1]", 1);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!evaluator.isEvaluating() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertFalse(result.isDone(), "the cell is still running before the stop");
        evaluator.stop();
        Throwable t = result.get(30, TimeUnit.SECONDS);
        assertTrue(t instanceof SnippetFailure, "the stopped cell failed: " + t);
        return (SnippetFailure) t;
    }

    @Test
    void aBusyLoopIsStoppedAndTheRestOfTheCellDoesNotRun() throws Exception {
        SnippetFailure f = stopWhileRunning("int reached = 0;\nwhile (true) {}\nreached = 1;\n");
        assertTrue(f.isInterrupt(), f.report());
        assertEquals("In[1]:2: interrupted", f.report());
        assertEquals("0", evaluator.eval("reached", "In[2]", 1).orElseThrow().text());
        assertEquals("3", evaluator.eval("1 + 2", "In[3]", 1).orElseThrow().text());
    }

    @Test
    void aSleepIsStopped() throws Exception {
        SnippetFailure f = stopWhileRunning("Thread.sleep(60_000);\n");
        assertTrue(f.isInterrupt(), f.report());
    }

    @Test
    void aStopWhileIdleChangesNothing() throws Exception {
        evaluator.stop();
        assertEquals("4", evaluator.eval("2 + 2", "In[4]", 1).orElseThrow().text());
        SnippetFailure thrown = assertThrows(SnippetFailure.class, () -> evaluator.eval("throw new IllegalStateException(\"x\")", "In[5]", 1));
        assertFalse(thrown.isInterrupt());
    }
}
