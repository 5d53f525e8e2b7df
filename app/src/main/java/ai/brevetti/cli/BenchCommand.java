package ai.brevetti.cli;

import ai.brevetti.bench.PipelineBenchmark;
import ai.brevetti.bench.PredictBenchmark;
import ai.brevetti.bench.TrainingBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brevettiai bench pipeline}: the data pipeline's throughput next to its peers; {@code bench training}: the
 * training step next to PyTorch's, and the trainer fed by the pipeline (its data wait); {@code bench predict}:
 * prediction as a test report does it next to PyTorch inference of the same network.
 */
@Command(name = "bench", description = "Benchmarks printed next to peers measured in the same run (bench pipeline, bench training, bench predict).",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The benchmark to run: pipeline, training or predict.")
    String name;

    @Option(names = "--epochs", description = "Timed rounds: one epoch of every variant each (pipeline, predict), "
            + "a round of steps of each trainer and a fed epoch (training) (default: 3, and 5 for predict).")
    Integer epochs;

    @Option(names = "--steps", description = "Training steps per round of each trainer, and per fed epoch (bench training; default: 30).")
    Integer steps;

    @Option(names = "--batch", description = "Images per batch, on both sides (bench training: default 16; bench predict: default 32, Predictor's).")
    Integer batch;

    @Option(names = "--count", description = "The images predicted per round (bench predict; default: 960, rounded up to a multiple of 6).")
    Integer count;

    @Option(names = "--images", description = "Where the generated image folders are kept (default: target/bench-images).")
    Path images = Path.of(System.getProperty("brevettiai.home", "."), "target", "bench-images");

    @Option(names = "--warmup", description = "Warm-up rounds before the timed ones (default: until the JIT compilers take under 5%% of a round, "
            + "at most 10); bench training: warm-up steps of each trainer (default: 10).")
    int warmup = -1;

    @Option(names = "--no-peers", description = "Measure this project alone (pipeline: no DJL, no torchvision; training and predict: no PyTorch).")
    boolean noPeers;

    @Override
    public Integer call() throws Exception {
        if (!name.equals("pipeline") && !name.equals("training") && !name.equals("predict")) {
            System.err.println("brevettiai bench: unknown benchmark '" + name + "'; there are: pipeline, training, predict");
            return 2;
        }
        if (name.equals("pipeline") && (count != null || batch != null || steps != null)) {
            System.err.println("brevettiai bench pipeline: --count, --batch and --steps are options of bench training and bench predict; "
                    + "the pipeline's images and batches are fixed (1,800 images, batches of 8)");
            return 2;
        }
        if (name.equals("training") && count != null) {
            System.err.println("brevettiai bench training: --count is an option of bench predict; use --steps for the steps per round");
            return 2;
        }
        if (name.equals("predict") && steps != null) {
            System.err.println("brevettiai bench predict: --steps is an option of bench training; use --count for the images per round");
            return 2;
        }
        if (epochs != null && epochs <= 0 || count != null && count <= 0 || batch != null && batch <= 0 || steps != null && steps <= 0) {
            System.err.println("brevettiai bench: --epochs, --steps, --count and --batch must be positive");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        switch (name) {
            case "training" -> new TrainingBenchmark(images, epochs == null ? 3 : epochs, steps == null ? 30 : steps,
                    batch == null ? 16 : batch, warmup < 0 ? 10 : warmup, !noPeers, System.out).run();
            case "predict" -> new PredictBenchmark(images, count == null ? 960 : count, batch == null ? 32 : batch,
                    epochs == null ? 5 : epochs, warmup, !noPeers, System.out).run();
            default -> new PipelineBenchmark(images, epochs == null ? 3 : epochs, warmup, !noPeers, System.out).run();
        }
        return 0;
    }
}
