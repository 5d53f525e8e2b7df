package ai.brevetti.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The jobs a run started ({@code bin/brevettiai run}, a notebook kernel): every {@link Job} made in this
 * JVM while the tracker is open is seen, so the run can end them however the script ends.
 *
 * <pre>{@code
 * try (JobTracker jobs = JobTracker.start()) {
 *     … run the script …
 *     JobTracker.Ending end = jobs.end(Optional.of("job.jsh:14: error: cannot find symbol"));
 * }
 * }</pre>
 */
public final class JobTracker implements AutoCloseable {
    private static final List<JobTracker> OPEN = new CopyOnWriteArrayList<>();

    private final Set<Job<?>> jobs = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final List<Job<?>> order = Collections.synchronizedList(new ArrayList<>());

    private JobTracker() {}

    /** Starts seeing the jobs made from now on, until {@link #close()}. */
    public static JobTracker start() {
        JobTracker tracker = new JobTracker();
        OPEN.add(tracker);
        return tracker;
    }

    static void created(Job<?> job) {
        for (JobTracker t : OPEN) {
            if (t.jobs.add(job)) {
                t.order.add(job);
            }
        }
    }

    /** The jobs seen, in the order they were made. */
    public List<Job<?>> jobs() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /**
     * Ends every job seen. With a failure, each job still running is reported failed with it (a job the
     * script closed before completing gets this, more precise, message instead; one it failed itself keeps
     * its own) and closed; without one, each job is closed and one the script left running stays running.
     *
     * @param failure how the run failed, if it did
     * @return what each job ended as, and what did not reach the platform
     */
    public Ending end(Optional<String> failure) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean anyFailed = false;
        for (Job<?> job : jobs()) {
            if (failure.isPresent() && (job.status() == JobStatus.RUNNING || job.failedOnClose())) {
                job.failJob(failure.get());
                job.close();
            } else if (failure.isEmpty() && job.status() == JobStatus.RUNNING) {
                job.release();
                notes.add("job " + job.id() + " was not completed (no completeJob call); it stays running at " + job.resultsLocation());
            } else {
                job.close();
            }
            anyFailed |= job.status() == JobStatus.FAILED;
            job.undelivered().ifPresent(why -> problems.add("job " + job.id() + ": " + why));
            long points = job.undeliveredPoints();
            if (points > 0) {
                problems.add("job " + job.id() + ": " + points + " training-progress point(s) were not delivered to "
                        + job.platform().describe());
            }
        }
        boolean endLost = jobs().stream().anyMatch(j -> j.undelivered().isPresent());
        return new Ending(anyFailed, endLost, notes, problems);
    }

    /** Stops seeing new jobs (the jobs seen are not touched). */
    @Override
    public void close() {
        OPEN.remove(this);
    }

    /**
     * How a run's jobs ended.
     *
     * @param anyFailed a job ended failed
     * @param endUndelivered a job's completion or failure did not reach the platform
     * @param notes what a person should know (a job left running)
     * @param problems what did not reach the platform (the end of a job, progress points)
     */
    public record Ending(boolean anyFailed, boolean endUndelivered, List<String> notes, List<String> problems) {
        public Ending {
            notes = List.copyOf(notes);
            problems = List.copyOf(problems);
        }
    }
}
