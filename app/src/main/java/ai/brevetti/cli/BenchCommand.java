package ai.brevetti.cli;

import ai.brevetti.bench.PipelineBenchmark;
import ai.brevetti.bench.TrainingBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brevettiai bench pipeline}: the data pipeline's throughput next to its peers; {@code bench training}: the
 * training step next to PyTorch's, and the trainer fed by the pipeline (its data wait).
 */
@Command(name = "bench", description = "Benchmarks printed next to peers measured in the same run (bench pipeline, bench training).",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The benchmark to run: pipeline or training.")
    String name;

    @Option(names = "--epochs", description = "Timed rounds: one epoch of every variant each (pipeline), "
            + "a round of steps of each trainer and a fed epoch (training) (default: ${DEFAULT-VALUE}).")
    int epochs = 3;

    @Option(names = "--steps", description = "Training steps per round of each trainer, and per fed epoch (bench training; default: ${DEFAULT-VALUE}).")
    int steps = 30;

    @Option(names = "--batch", description = "The batch size (bench training; default: ${DEFAULT-VALUE}).")
    int batch = 16;

    @Option(names = "--images", description = "Where the generated image folders are kept (default: target/bench-images).")
    Path images = Path.of(System.getProperty("brevettiai.home", "."), "target", "bench-images");

    @Option(names = "--warmup", description = "Warm-up rounds before the timed ones (default: until the JIT compilers take under 5%% of a round, "
            + "at most 10); bench training: warm-up steps of each trainer (default: 10).")
    int warmup = -1;

    @Option(names = "--no-peers", description = "Measure this project only: the pipeline and the decode-only ceilings (no DJL, no torchvision), "
            + "the trainer (no PyTorch).")
    boolean noPeers;

    @Override
    public Integer call() throws Exception {
        if (!name.equals("pipeline") && !name.equals("training")) {
            System.err.println("brevettiai bench: unknown benchmark '" + name + "'; there are: pipeline, training");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        if (name.equals("training")) {
            new TrainingBenchmark(images, epochs, steps, batch, warmup < 0 ? 10 : warmup, !noPeers, System.out).run();
        } else {
            new PipelineBenchmark(images, epochs, warmup, !noPeers, System.out).run();
        }
        return 0;
    }
}
