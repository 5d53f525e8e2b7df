package ai.brevetti.cli;

import ai.brevetti.bench.PipelineBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevettiai bench pipeline}: the data pipeline's throughput next to its peers. */
@Command(name = "bench", description = "Benchmarks printed next to peers measured in the same run (bench pipeline).",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The benchmark to run: pipeline.")
    String name;

    @Option(names = "--epochs", description = "Timed rounds, one epoch of every variant each (default: ${DEFAULT-VALUE}).")
    int epochs = 3;

    @Option(names = "--images", description = "Where the generated image folders are kept (default: target/bench-images).")
    Path images = Path.of(System.getProperty("brevettiai.home", "."), "target", "bench-images");

    @Option(names = "--warmup", description = "Warm-up rounds before the timed ones (default: until the JIT compilers take under 5%% of a round, at most 10).")
    int warmup = -1;

    @Option(names = "--no-peers", description = "Measure this pipeline and the decode-only ceilings only (no DJL, no torchvision).")
    boolean noPeers;

    @Override
    public Integer call() throws Exception {
        if (!name.equals("pipeline")) {
            System.err.println("brevettiai bench: unknown benchmark '" + name + "'; there is: pipeline");
            return 2;
        }
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        new PipelineBenchmark(images, epochs, warmup, !noPeers, System.out).run();
        return 0;
    }
}
