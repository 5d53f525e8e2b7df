package ai.brevetti.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.brevetti.training.Cnn;
import ai.brevetti.training.GraphModel;
import ai.brevetti.training.Optimizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code torch_cnn.py}, the PyTorch peers' network, mirrors {@code Cnn.small()} as {@link GraphModel} builds it:
 * the same parameter count for several image sizes (which the flattened dense layer's width depends on) and class
 * counts, and the same output shape. Needs Debian's python3-torch (skipped without it).
 */
class TorchCnnMirrorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"64, 3", "96, 3", "32, 2", "72, 5"})
    void theTorchNetworkHasTheJavaOnesShapeAndParameterCount(int size, int classes) throws Exception {
        assumeTrue(DebianPython.has("torch"), "python3-torch not installed");
        DebianPython.extract(dir, "torch_cnn.py");
        Process p = new ProcessBuilder(DebianPython.PYTHON.toString(), "-c", "import torch, torch_cnn\n"
                + "torch.manual_seed(1)\n"
                + "m = torch_cnn.build_cnn(" + classes + ", " + size + ").eval()\n"
                + "print(torch_cnn.parameter_count(m), tuple(m(torch.zeros(2, 3, " + size + ", " + size + ")).shape))\n")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        try (GraphModel model = new GraphModel(Cnn.small(), size, size, 3, classes, Optimizer.adam(1e-3), 1)) {
            assertEquals(model.parameterCount() + " (2, " + classes + ")", out.lines().reduce((a, b) -> b).orElse(""));
        }
    }
}
