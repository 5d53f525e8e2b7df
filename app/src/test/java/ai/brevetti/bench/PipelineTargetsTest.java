package ai.brevetti.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTargetsTest {
    private static BenchResult result(String name, double... perRound) {
        return new BenchResult(name, perRound, perRound, "");
    }

    private static String print(String format, List<BenchResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PipelineTargets(format, results).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCeilingRatioUsesEachRoundAndIsInformationThePeersTheMediansAndAreTargets() {
        String out = print("BMP", List.of(
                result(BenchResult.OURS, 800, 900, 1000),
                result(BenchResult.CEILING, 1000, 1000, 1000),
                result(BenchResult.TORCHVISION, 300, 300, 300),
                result(BenchResult.DJL, 500, 500, 500)));
        assertTrue(out.matches("(?s).*decode-only ceiling\\s+0\\.90\\s+info.*"), out);
        assertFalse(out.contains(">= 0.80"), out);
        assertTrue(out.matches("(?s).*torchvision\\s+>= 3\\.00:\\s+3\\.00\\s+MET.*"), out);
        assertTrue(out.matches("(?s).*DJL\\s+>= 2\\.00:\\s+1\\.80\\s+missed.*"), out);
    }

    @Test
    void jpegNeedsThreeTimesTorchvisionExactAndFourTimesAtReducedScale() {
        String out = print("JPEG", List.of(
                result(BenchResult.OURS, 2900, 3100, 3000),
                result(BenchResult.CEILING, 4000, 4000, 4000),
                result(BenchResult.OURS_REDUCED, 3900, 3900, 3900),
                result(BenchResult.CEILING_REDUCED, 5000, 5000, 5000),
                result(BenchResult.TORCHVISION, 1000, 1000, 1000)));
        String exact = out.lines().filter(l -> l.trim().startsWith(BenchResult.OURS + " ") && l.contains("torchvision")).findFirst().orElseThrow();
        String reduced = out.lines().filter(l -> l.contains(BenchResult.OURS_REDUCED) && l.contains("torchvision")).findFirst().orElseThrow();
        assertTrue(exact.matches(".*>= 3\\.00:\\s+3\\.00\\s+MET.*"), out);
        assertTrue(reduced.matches(".*>= 4\\.00:\\s+3\\.90\\s+missed.*"), out);
        assertFalse(out.contains("ceiling   >="), out);
        assertTrue(out.matches("(?s).*decode-only ceiling\\s+0\\.78\\s+info.*"), out);
    }

    @Test
    void theCpuTimeRatioToTorchvisionIsPrintedBesideTheTarget() {
        String out = print("JPEG", List.of(
                new BenchResult(BenchResult.OURS, new double[] {1500, 1600, 1700}, new double[] {3500, 3600, 3700}, ""),
                new BenchResult(BenchResult.TORCHVISION, new double[] {900, 1000, 1100}, new double[] {1100, 1200, 1300}, "")));
        assertTrue(out.matches("(?s).*torchvision\\s+>= 3\\.00:\\s+1\\.60\\s+missed\\s+\\(medians; by CPU time 3\\.00, for information\\).*"), out);
    }

    @Test
    void imageIosBmpDecodeIsPrintedForComparisonNotAsATarget() {
        String out = print("BMP", List.of(
                result(BenchResult.OURS, 600, 900, 700),
                result(BenchResult.CEILING, 1000, 1000, 1000),
                result(BenchResult.IMAGEIO_BMP, 300, 600, 500)));
        // round by round 2.0, 1.5, 1.4: the median 1.5 (the ratio of the medians would be 1.4)
        assertTrue(out.matches("(?s).*ImageIO's BMP decode-only\\s+1\\.50\\s+info.*"), out);
        assertTrue(out.matches("(?s).*decode-only ceiling\\s+0\\.70\\s+info.*"), out);
    }
}
