package ai.brevetti.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.cli.Main;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/brevettiai bench predict}, small (a few images, two rounds) through the command line in this JVM: the
 * model is trained, exported and predicted through {@code Predictor} both ways, the two ways agree bit for bit, and
 * PyTorch (when Debian's python3-torch and python3-torchvision are installed) runs the same network, with the same
 * parameter count, in the same run.
 */
class PredictBenchmarkTest {
    private static final Pattern TARGET = Pattern.compile("(model only|end to end)\\s+ours / PyTorch >= 1\\.00:\\s+(\\d+\\.\\d\\d)x\\s+(MET|missed)");

    @TempDir
    Path dir;

    private Captured<Integer> bench(String... extra) throws Exception {
        String[] args = {"bench", "predict", "--count", "22", "--batch", "5", "--epochs", "2", "--warmup", "0", "--images", dir.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return Captured.run(() -> Main.execute(all));
    }

    @Test
    void predictsAsTheTestReportDoesNextToPyTorchOnTheSameNetwork() throws Exception {
        Captured<Integer> run = bench();
        String out = run.out;
        assertEquals(0, run.value, out + run.err);
        // 22 rounded up to 4 vials per class x 2 views x 3 classes, in batches of 5 (the last one of 4)
        assertTrue(out.contains("bench predict: 24 demo vials"), out);
        assertTrue(out.contains("batch 5"), out);
        assertTrue(out.contains("check: the end-to-end predictions of the 24 images equal the model-only pass's, bit for bit"), out);
        assertTrue(out.contains("parameters: ours 285,987 (GraphModel of Cnn.small())"), out);
        assertTrue(out.contains(PredictBenchmark.OURS_MODEL) && out.contains(PredictBenchmark.OURS_FILES), out);
        if (TorchPredictPeer.installed()) {
            assertTrue(out.contains("PyTorch 285,987 (torch_cnn.build_cnn)"), out);
            assertFalse(out.contains("NOT THE SAME NETWORK"), out);
            assertTrue(out.contains(PredictBenchmark.TORCH_MODEL) && out.contains(PredictBenchmark.TORCH_FILES), out);
            assertTrue(out.contains(PredictBenchmark.TORCH_MODEL_PASSIVE) && out.contains(PredictBenchmark.TORCH_FILES_PASSIVE), out);
            Matcher targets = TARGET.matcher(out);
            int found = 0;
            while (targets.find()) {
                assertTrue(Double.parseDouble(targets.group(2)) > 0, targets.group());
                assertEquals(Double.parseDouble(targets.group(2)) >= 1.0, targets.group(3).equals("MET"), targets.group());
                found++;
            }
            assertEquals(2, found, out);
            assertTrue(out.matches("(?s).*PyTorch's processes \\d+ and \\d+ MB.*"), out);
        } else {
            assertTrue(out.contains("(PyTorch: not installed for /usr/bin/python3; apt-get install python3-torch python3-torchvision"), out);
        }
        // the scripts were extracted to a temporary folder and deleted, the images and the model kept for the next run
        assertTrue(Files.isRegularFile(dir.resolve("predict-model/saved_model.pb")), out);
        assertEquals(24, countImages(dir.resolve("predict-vials-24")));
    }

    @Test
    void withoutPeersOursAloneAndNoTargetToCheck() throws Exception {
        Captured<Integer> run = bench("--no-peers");
        String out = run.out;
        assertEquals(0, run.value, out + run.err);
        assertTrue(out.contains(PredictBenchmark.OURS_MODEL) && out.contains(PredictBenchmark.OURS_FILES), out);
        assertFalse(out.contains(PredictBenchmark.TORCH_MODEL) || out.contains(PredictBenchmark.PASSIVE) || out.contains("PyTorch 285"), out);
        assertTrue(out.contains("model only   no PyTorch figures to compare"), out);
    }

    @Test
    void theTargetIsCheckedAgainstPyTorchsFasterWaitPolicy() {
        List<BenchResult> results = List.of(new BenchResult(PredictBenchmark.TORCH_MODEL, new double[] {100, 120, 90}, null, ""),
                new BenchResult(PredictBenchmark.TORCH_MODEL_PASSIVE, new double[] {300, 280, 310}, null, ""),
                new BenchResult(PredictBenchmark.TORCH_FILES, new double[] {900, 1000, 950}, null, ""),
                new BenchResult(PredictBenchmark.TORCH_FILES_PASSIVE, new double[] {800, 990, 700}, null, ""));
        assertEquals(PredictBenchmark.TORCH_MODEL_PASSIVE, PredictTargets.faster(results, PredictBenchmark.TORCH_MODEL,
                PredictBenchmark.TORCH_MODEL_PASSIVE));
        assertEquals(PredictBenchmark.TORCH_FILES, PredictTargets.faster(results, PredictBenchmark.TORCH_FILES,
                PredictBenchmark.TORCH_FILES_PASSIVE));
        assertEquals(PredictBenchmark.TORCH_FILES, PredictTargets.faster(results.subList(2, 3), PredictBenchmark.TORCH_FILES,
                PredictBenchmark.TORCH_FILES_PASSIVE));
    }

    private static long countImages(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".bmp")).count();
        }
    }
}
