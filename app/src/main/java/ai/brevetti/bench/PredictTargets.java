package ai.brevetti.bench;

import static ai.brevetti.bench.PredictBenchmark.OURS_FILES;
import static ai.brevetti.bench.PredictBenchmark.OURS_MODEL;
import static ai.brevetti.bench.PredictBenchmark.OURS_SESSION;
import static ai.brevetti.bench.PredictBenchmark.PASSIVE;
import static ai.brevetti.bench.PredictBenchmark.TARGET;
import static ai.brevetti.bench.PredictBenchmark.TORCH_FILES;
import static ai.brevetti.bench.PredictBenchmark.TORCH_FILES_PASSIVE;
import static ai.brevetti.bench.PredictBenchmark.TORCH_MODEL;
import static ai.brevetti.bench.PredictBenchmark.TORCH_MODEL_PASSIVE;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of {@code bench predict} and its targets, checked on one run's rounds: ours at least
 * {@value PredictBenchmark#TARGET}× PyTorch, model only and end to end, against whichever of PyTorch's two runs
 * (default wait policy, {@code OMP_WAIT_POLICY=PASSIVE}) was faster by median; the ratio is the median of the
 * per-round ratios. Also, for information, {@code Predictor} against the model's own TF-Java session.
 */
final class PredictTargets {
    private final List<BenchResult> results;

    PredictTargets(List<BenchResult> results) {
        this.results = List.copyOf(results);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%n  %-44s %8s  %-40s %s%n", "", "img/s", "(per round)", "img per CPU-second");
        for (BenchResult r : results) {
            out.printf(Locale.ROOT, "  %-44s %8.0f  %-40s %.0f%n", r.name(), r.median(), "(" + String.join(", ",
                    Arrays.stream(r.imagesPerSecond()).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList()) + ")", r.cpuMedian());
            out.printf(Locale.ROOT, "  %-44s %s%n", "", r.note());
        }
        out.printf(Locale.ROOT, "%n  targets: ours >= %.1fx PyTorch at its faster wait policy (by median; the ratio is the median of the "
                + "per-round ratios; by CPU time for information)%n", TARGET);
        target(out, "model only", OURS_MODEL, faster(results, TORCH_MODEL, TORCH_MODEL_PASSIVE));
        target(out, "end to end", OURS_FILES, faster(results, TORCH_FILES, TORCH_FILES_PASSIVE));
        Optional<BenchResult> ours = find(results, OURS_MODEL);
        Optional<BenchResult> session = find(results, OURS_SESSION);
        if (ours.isPresent() && session.isPresent()) {
            out.printf(Locale.ROOT, "    %-12s Predictor / TF-Java session:  %5.2fx  info   (what DJL costs; medians %.2fx)%n", "model only",
                    ours.get().pairedRatio(session.get()), ours.get().median() / session.get().median());
        }
    }

    /** The name of the faster (by median) of two results, or the first when they are missing. */
    static String faster(List<BenchResult> results, String one, String other) {
        Optional<BenchResult> a = find(results, one);
        Optional<BenchResult> b = find(results, other);
        return a.isPresent() && b.isPresent() && b.get().median() > a.get().median() ? other : one;
    }

    private void target(PrintStream out, String what, String oursName, String peerName) {
        Optional<BenchResult> ours = find(results, oursName);
        Optional<BenchResult> peer = find(results, peerName);
        if (ours.isEmpty() || peer.isEmpty()) {
            out.printf(Locale.ROOT, "    %-12s no PyTorch figures to compare%n", what);
            return;
        }
        double ratio = ours.get().pairedRatio(peer.get());
        String policy = peerName.startsWith(PASSIVE) ? "OMP_WAIT_POLICY=PASSIVE" : "the default wait policy";
        out.printf(Locale.ROOT, "    %-12s ours / PyTorch >= %.2f: %5.2fx  %-6s (against %s; medians %.2fx, by CPU time %.2fx)%n", what,
                TARGET, ratio, ratio >= TARGET ? "MET" : "missed", policy, ours.get().median() / peer.get().median(),
                ours.get().cpuMedian() / peer.get().cpuMedian());
    }

    private static Optional<BenchResult> find(List<BenchResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
