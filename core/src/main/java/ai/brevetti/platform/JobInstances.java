package ai.brevetti.platform;

import ai.brevetti.internal.ResourceConfig;
import ai.brevetti.internal.SageMakerContainer;
import ai.brevetti.io.IoTools;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instances a job runs on. Usually one; a SageMaker training job with several instances gives every
 * instance the same job and the hosts in {@code resourceconfig.json}. Each instance then works on its share
 * (a {@code DataGenerator} takes its {@code shard} from the same file) and hands its part to the first host,
 * the leader, which merges the parts and reports:
 *
 * <pre>{@code
 * var instances = job.instances();
 * Optional<List<byte[]>> parts = instances.gather("predictions.json", myPart, Duration.ofMinutes(30));
 * if (parts.isPresent()) { … merge and report, complete the job … }   // the leader (or the only instance)
 * }</pre>
 *
 * Parts travel through the job folder: {@code artifacts/parts/<training job>/<host>/<name>}, the training
 * job's name keeping one run's parts from an earlier run's.
 */
public final class JobInstances {
    /** The host name of a job that runs on one instance outside a multi-instance training job. */
    public static final String SINGLE_HOST = "algo-1";
    private static final Duration POLL = Duration.ofMillis(500);

    private final ResourceConfig config;
    private final Optional<String> run;
    private final IoTools io;
    private final String jobDir;

    JobInstances(ResourceConfig config, Optional<String> run, IoTools io, String jobDir) {
        this.config = config;
        this.run = run;
        this.io = io;
        this.jobDir = jobDir;
    }

    static JobInstances of(Optional<SageMakerContainer> container, IoTools io, String jobDir) {
        Optional<ResourceConfig> config;
        try {
            config = container.flatMap(SageMakerContainer::resourceConfig);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new JobException(e.getMessage(), e);
        }
        return new JobInstances(config.orElseGet(() -> new ResourceConfig(SINGLE_HOST, List.of(SINGLE_HOST))),
                container.flatMap(SageMakerContainer::trainingJobName), io, jobDir);
    }

    /** This instance's host name ({@code algo-2}). */
    public String host() {
        return config.currentHost();
    }

    /** Every instance's host name, the leader first. */
    public List<String> hosts() {
        return config.hosts();
    }

    /** This instance's position among the hosts (0: the leader). */
    public int index() {
        return config.index();
    }

    public int count() {
        return config.count();
    }

    /** The host that merges the parts and reports. */
    public String leader() {
        return config.leader();
    }

    public boolean isLeader() {
        return index() == 0;
    }

    /**
     * Hands in this instance's part and, on the leader, collects every instance's. On one instance: the part
     * itself, nothing written. On several: the part is written to the job folder; a worker returns empty at
     * once; the leader waits (at most {@code timeout}) until every host's part is there and returns them in
     * host order.
     *
     * @param name the part's file name, e.g. {@code predictions.json}
     * @return every part in host order on the leader, empty on the other instances
     * @throws JobException when a part is still missing after {@code timeout} (naming the hosts it waited for),
     *                      or when a multi-instance run has no training job name to keep its parts apart
     */
    public Optional<List<byte[]>> gather(String name, byte[] part, Duration timeout) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("A part's name is a file name such as 'predictions.json', not '" + name + "'");
        }
        if (count() == 1) {
            return Optional.of(List.of(part.clone()));
        }
        io.writeFile(partPath(host(), name), part);
        Job.LOG.info("Instance {} ({} of {}) handed in its part {}", host(), index() + 1, count(), name);
        if (!isLeader()) {
            return Optional.empty();
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(host(), part.clone());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String h : hosts()) {
                if (!parts.containsKey(h) && io.isFile(partPath(h, name))) {
                    parts.put(h, io.readFile(partPath(h, name)));
                }
            }
            if (parts.size() == count()) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                List<String> missing = hosts().stream().filter(h -> !parts.containsKey(h)).toList();
                throw new JobException("The leader " + host() + " waited " + describe(timeout) + " for the part " + name + " of "
                        + String.join(", ", missing) + " (" + partPath(missing.get(0), name) + "), in vain: "
                        + (missing.size() == 1 ? "that instance" : "those instances")
                        + " failed or is still working; see its log, or wait longer");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobException("Interrupted while waiting for the parts of " + hosts(), e);
            }
        }
        Job.LOG.info("Leader {} has the parts {} of all {} instances", host(), name, count());
        List<byte[]> ordered = new ArrayList<>();
        hosts().forEach(h -> ordered.add(parts.get(h)));
        return Optional.of(ordered);
    }

    /** Where {@code host} hands in its part {@code name}. */
    String partPath(String host, String name) {
        String runName = run.orElseThrow(() -> new JobException("This job runs on " + count()
                + " instances, but the environment names no training job (TRAINING_JOB_NAME or TRAINING_JOB_ARN), so this run's"
                + " parts cannot be told from an earlier run's; SageMaker sets both"));
        return IoTools.join(jobDir, "artifacts", "parts", safe(runName), safe(host), name);
    }

    private static String safe(String segment) {
        return segment.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.", "_");
    }

    private static String describe(Duration d) {
        return d.toSeconds() >= 1 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "JobInstances[" + host() + ", " + (index() + 1) + " of " + count() + ", hosts " + hosts() + "]";
    }
}
