package ai.brevetti.localplatform;

import java.util.List;

/**
 * The S3 credentials a job gets for its own folder, whichever way it asks (its API key, or its
 * container's token): read and write {@code <id>/} (a test report also reads its model's artifacts), read
 * only once completed. Asking marks the job running: started the first time, running again after a failure.
 */
final class JobGrants {
    private final PlatformStore store;
    private final S3Server s3;

    JobGrants(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
    }

    S3Grant forJob(ModelRecord model) {
        String jobDir = model.id() + "/";
        // a test report also reads its model's artifacts (the model archive)
        List<String> reads = model.isReport() ? List.of(model.parentId() + "/artifacts/") : List.of();
        S3Grant grant = model.completed() != null
                ? s3.grant(model.id(), List.of(jobDir), List.of())
                : s3.grant(model.id(), reads, List.of(jobDir));
        if (model.started() == null) {
            store.save(model.withStarted(PlatformStore.now()));
        } else if (model.failed() != null && model.completed() == null) {
            // a new run of a failed job: running again
            store.save(model.withRestarted(PlatformStore.now()));
        }
        return grant;
    }
}
