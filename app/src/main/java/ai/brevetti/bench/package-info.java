/**
 * {@code bin/brevettiai bench} (the app module): the data pipeline's images per second next to its peers.
 * <p>
 * Start with {@link ai.brevetti.bench.PipelineBenchmark}.
 */
package ai.brevetti.bench;
