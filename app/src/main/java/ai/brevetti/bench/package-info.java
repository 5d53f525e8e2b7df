/**
 * {@code bin/brevettiai bench} (the app module): the data pipeline's images per second next to its peers
 * ({@code bench pipeline}), and prediction as a test report does it next to PyTorch ({@code bench predict}).
 * <p>
 * Start with {@link ai.brevetti.bench.PipelineBenchmark} and {@link ai.brevetti.bench.PredictBenchmark}.
 */
package ai.brevetti.bench;
