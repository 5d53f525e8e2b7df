package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.Samples;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's cell evaluation, errors, completion and completeness, without a Jupyter connection. */
class JupyterKernelTest {
    static JupyterKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        Evaluator evaluator = new Evaluator();
        evaluator.loadStartup();
        kernel = JupyterKernel.create(evaluator);
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void aCellsLastExpressionIsItsValueAsAnObject() {
        assertEquals(2, kernel.evalRaw("1 + 1"));
        assertEquals(42, kernel.evalRaw("int a = 20;\nint b = 22;\na + b"));
        assertNull(kernel.evalRaw("int c = 3;"), "a declaration shows nothing");
        assertNull(kernel.evalRaw("String nothing = null;\nnothing"), "null shows nothing");
        assertNull(kernel.evalRaw("c = 4"), "an assignment shows nothing, as in IPython");
        assertEquals(4, kernel.evalRaw("c"));
        assertTrue(kernel.evalRaw("Samples.empty(new IoTools())") instanceof Samples, "startup.jsh's imports are there");
        DisplayData rendered = kernel.eval("List.of(1, 2)");
        assertEquals("[1, 2]", rendered.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void failuresNameTheCellsLine() {
        CellError compile = assertThrows(CellError.class, () -> kernel.evalRaw("int ok = 1;\nString s = ok;"));
        assertTrue(compile.getMessage().matches("In\\[\\d+]:2: error: incompatible types.*"), compile.getMessage());
        assertEquals(List.of("String s = ok;", "           ^"), compile.lines().subList(1, 3));
        List<String> traceback = kernel.formatError(compile);
        assertTrue(traceback.get(0).startsWith("\u001b[1;31mIn["), traceback.get(0));

        CellError thrown = assertThrows(CellError.class,
                () -> kernel.evalRaw("void check(int n) {\n  if (n > 1) throw new IllegalStateException(\"boom\");\n}\ncheck(2);"));
        assertTrue(thrown.getMessage().endsWith(":4: IllegalStateException: boom"), thrown.getMessage());
        assertTrue(thrown.lines().get(1).matches("\tat check \\(In\\[\\d+]:2\\)"), thrown.lines().toString());

        CellError exit = assertThrows(CellError.class, () -> kernel.evalRaw("/exit 3"));
        assertTrue(exit.getMessage().contains("/exit ends scripts, not the kernel"), exit.getMessage());
    }

    @Test
    void completionInspectionAndCompleteness() {
        String cell = "int x = 1;\nStr";
        ReplacementOptions options = kernel.complete(cell, cell.length());
        assertTrue(options.getReplacements().contains("String"), options.getReplacements().toString());
        assertEquals(cell.length() - 3, options.getSourceStart());
        assertEquals(cell.length(), options.getSourceEnd());
        kernel.evalRaw("var list = List.of(1);");   // completion knows what earlier cells defined
        String member = "int y = 2;\nlist.siz";
        assertTrue(kernel.complete(member, member.length()).getReplacements().contains("size()"),
                kernel.complete(member, member.length()).getReplacements().toString());

        DisplayData doc = kernel.inspect("Math.max(", 9, false);
        assertTrue(String.valueOf(doc.getData(MIMEType.TEXT_PLAIN)).contains("max(int"), String.valueOf(doc.getData(MIMEType.TEXT_PLAIN)));
        assertNull(kernel.inspect("", 0, false));

        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("1 + 1"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int a = 1;\nint b = 2;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("  ", kernel.isComplete("int a = 1;\n  int b = (1 +"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete(""));
    }

    /** A notebook's job on a folder, a kernel that runs {@code cells} (the failing ones expected) and shuts down. */
    static java.nio.file.Path notebookRun(java.nio.file.Path dir, String id, List<String> cells) throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve(id));
        java.nio.file.Files.writeString(folder.resolve("info.json"), "{\"id\": \"" + id + "\", \"settings\": {}}");
        try (Evaluator evaluator = new Evaluator()) {
            evaluator.loadStartup();
            JupyterKernel notebook = JupyterKernel.create(evaluator);
            notebook.onStartup();
            notebook.evalRaw("var job = Job.init(\"--job_dir\", \"" + folder + "\");");
            for (String cell : cells) {
                try {
                    notebook.evalRaw(cell);
                } catch (CellError expected) {
                    // the notebook shows it and goes on
                }
            }
            notebook.onShutdown(false);
        }
        return folder;
    }

    @Test
    void aShutdownAfterAFailedCellFailsTheNotebooksJobAndOtherwiseLeavesItRunning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path failed = notebookRun(dir, "nb-failed", List.of("int n = 1;\nthrow new IllegalStateException(\"cell broke\");"));
        String message = String.valueOf(ai.brevetti.internal.Json.parseObject(
                java.nio.file.Files.readString(failed.resolve("artifacts/failure.json"))).get("message"));
        assertTrue(message.matches("(?s)In\\[\\d+]:2: IllegalStateException: cell broke.*"), message);
        assertTrue(message.endsWith("(the kernel shut down after this cell failed)"), message);

        java.nio.file.Path fixed = notebookRun(dir, "nb-fixed", List.of("throw new IllegalStateException(\"cell broke\");", "int fixed = 2;"));
        assertTrue(!java.nio.file.Files.exists(fixed.resolve("artifacts/failure.json")), "the last cell succeeded: the job stays running");
        assertTrue(!java.nio.file.Files.exists(fixed.resolve("artifacts/completion.json")));
    }

    @Test
    void startupLoadsInTheBackgroundAndCellsWaitForIt() throws Exception {
        try (Evaluator evaluator = new Evaluator()) {
            JupyterKernel fresh = JupyterKernel.create(evaluator);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            fresh.loadStartupInBackground(System.err, done::countDown);
            assertEquals(2, fresh.evalRaw("Samples.COLUMNS.indexOf(\"path\")"), "startup.jsh's imports are there");
            assertTrue(done.await(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("startup", ".jsh");
        java.nio.file.Files.writeString(bad, "int broken = \"text\";\n");
        System.setProperty(StartupScript.PROPERTY, bad.toString());
        try (Evaluator evaluator = new Evaluator()) {
            JupyterKernel fresh = JupyterKernel.create(evaluator);
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            fresh.loadStartupInBackground(new java.io.PrintStream(log, true), () -> { });
            CellError first = assertThrows(CellError.class, () -> fresh.evalRaw("1 + 1"));
            assertTrue(first.getMessage().startsWith("startup.jsh failed: " + bad + ":1: error: incompatible types"), first.getMessage());
            assertTrue(log.toString().contains("startup.jsh failed; the first cell will show this"), log.toString());
            assertEquals(2, fresh.evalRaw("1 + 1"));
        } finally {
            System.clearProperty(StartupScript.PROPERTY);
            java.nio.file.Files.delete(bad);
        }
    }

    @Test
    void aStartupFailureIsTheFirstCellsErrorAndOnlyTheFirsts() throws Exception {
        try (Evaluator evaluator = new Evaluator()) {
            JupyterKernel fresh = JupyterKernel.create(evaluator);
            SnippetFailure failure = assertThrows(SnippetFailure.class,
                    () -> evaluator.eval("import java.util.*;\nint broken = \"text\";", "startup.jsh", 1));
            fresh.reportAtFirstCell(failure);
            CellError first = assertThrows(CellError.class, () -> fresh.evalRaw("1 + 1"));
            assertTrue(first.getMessage().startsWith("startup.jsh failed: startup.jsh:2: error: incompatible types"), first.getMessage());
            assertTrue(first.lines().get(first.lines().size() - 1).contains("this cell was not run"));
            assertEquals(2, fresh.evalRaw("1 + 1"));
        }
    }
}
