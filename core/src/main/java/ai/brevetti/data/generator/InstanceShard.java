package ai.brevetti.data.generator;

import ai.brevetti.internal.ResourceConfig;
import ai.brevetti.internal.SageMakerContainer;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generator's default shard: in a SageMaker training job on several instances, this instance's share
 * ({@code resourceconfig.json}: index = the position of {@code current_host} in {@code hosts}, count = the
 * number of hosts); elsewhere all samples. Read once per process.
 */
final class InstanceShard {
    private static final Logger LOG = LoggerFactory.getLogger(DataGenerator.class);
    private static volatile int[] defaults;

    private InstanceShard() {}

    /**
     * {@code {index, count}}.
     *
     * @throws IllegalStateException naming the file when the container's resourceconfig.json is malformed
     */
    static int[] defaults() {
        int[] d = defaults;
        if (d == null) {
            d = read();
            defaults = d;
        }
        return d;
    }

    private static int[] read() {
        Optional<ResourceConfig> config;
        try {
            config = SageMakerContainer.ofProcess().flatMap(SageMakerContainer::resourceConfig);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalStateException(e.getMessage() + " (every DataGenerator takes its default shard from it)", e);
        }
        if (config.isEmpty() || config.get().count() == 1) {
            return new int[] {0, 1};
        }
        ResourceConfig c = config.get();
        LOG.info("Instance {} of {} ({}): every DataGenerator yields its shard {} of {} unless given .shard(0, 1) for all samples",
                c.index() + 1, c.count(), c.currentHost(), c.index(), c.count());
        return new int[] {c.index(), c.count()};
    }
}
