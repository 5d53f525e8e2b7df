package ai.brevetti.cli;

import ai.brevetti.bench.PipelineBenchmark;
import ai.brevetti.bench.PredictBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brevettiai bench pipeline}: the data pipeline's throughput next to its peers; {@code brevettiai bench predict}:
 * prediction as a test report does it next to PyTorch inference of the same network.
 */
@Command(name = "bench", description = "Benchmarks printed next to peers measured in the same run (bench pipeline, bench predict).",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The benchmark to run: pipeline, predict.")
    String name;

    @Option(names = "--epochs", description = "Timed rounds, one epoch of every variant each (default: 3 for pipeline, 5 for predict).")
    Integer epochs;

    @Option(names = "--images", description = "Where the generated image folders are kept (default: target/bench-images).")
    Path images = Path.of(System.getProperty("brevettiai.home", "."), "target", "bench-images");

    @Option(names = "--warmup", description = "Warm-up rounds before the timed ones (default: until the JIT compilers take under 5%% of a round, at most 10).")
    int warmup = -1;

    @Option(names = "--no-peers", description = "Measure this project alone (pipeline: no DJL, no torchvision; predict: no PyTorch).")
    boolean noPeers;

    @Option(names = "--count", description = "Images predicted per round, bench predict only (default: 960, rounded up to a multiple of 6).")
    Integer count;

    @Option(names = "--batch", description = "Images per batch on both sides, bench predict only (default: 32, as Predictor).")
    Integer batch;

    @Override
    public Integer call() throws Exception {
        if (!name.equals("pipeline") && !name.equals("predict")) {
            System.err.println("brevettiai bench: unknown benchmark '" + name + "'; there are: pipeline, predict");
            return 2;
        }
        if (name.equals("pipeline") && (count != null || batch != null)) {
            System.err.println("brevettiai bench pipeline: --count and --batch are options of bench predict; the pipeline's images and "
                    + "batches are fixed (1,800 images, batches of 8)");
            return 2;
        }
        if (epochs != null && epochs <= 0 || count != null && count <= 0 || batch != null && batch <= 0) {
            System.err.println("brevettiai bench: --epochs, --count and --batch must be positive");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        if (name.equals("pipeline")) {
            new PipelineBenchmark(images, epochs == null ? 3 : epochs, warmup, !noPeers, System.out).run();
        } else {
            new PredictBenchmark(images, count == null ? 960 : count, batch == null ? 32 : batch, epochs == null ? 5 : epochs, warmup,
                    !noPeers, System.out).run();
        }
        return 0;
    }
}
