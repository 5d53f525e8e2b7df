package ai.brevetti.localplatform;

import java.util.List;

/**
 * A model (a training job) as the local platform keeps it, in the web API's JSON shape.
 *
 * @param id model id (a GUID)
 * @param name name
 * @param created creation time (ISO-8601)
 * @param started when a job started it, or null
 * @param completed when its job completed, or null
 * @param apiKey the key its job authenticates with
 * @param settings the settings as a JSON string (as the web API sends them)
 * @param datasetIds datasets the job may read
 * @param tagIds tags
 * @param modelTypeId model type (the custom-job type by default)
 * @param modelPath the model archive's path relative to the job folder, after completion
 * @param parentId for a test report: the model it tests; null for a model
 * @param failed when its job reported a failure (it ended without completing), or null
 * @param failure the failure's message, or null
 * @param applicationId the application it belongs to, or null
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ModelRecord(String id, String name, String created, String started, String completed, String apiKey,
                          String settings, List<String> datasetIds, List<String> tagIds, String modelTypeId,
                          String modelPath, String parentId, String failed, String failure,
                          String applicationId) {
    /** The platform's custom-job model type. */
    public static final String CUSTOM_JOB = "a0aaad69-c032-41c1-a68c-e9a15a5fb18c";
    /** The failure message of a training its user stopped ({@code POST /api/models/{id}/stop}). */
    static final String STOPPED = "Training stopped by the user";

    public ModelRecord {
        datasetIds = datasetIds == null ? List.of() : List.copyOf(datasetIds);
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
    }

    ModelRecord withStarted(String time) {
        return new ModelRecord(id, name, created, time, completed, apiKey, settings, datasetIds, tagIds, modelTypeId, modelPath, parentId,
                failed, failure, applicationId);
    }

    /** Started again by a new run: a failure of an earlier run is cleared. */
    ModelRecord withRestarted(String time) {
        return new ModelRecord(id, name, created, time, completed, apiKey, settings, datasetIds, tagIds, modelTypeId, modelPath, parentId,
                null, null, applicationId);
    }

    /** Completed: a failure an earlier run reported is cleared. */
    ModelRecord withCompleted(String time, String path) {
        return new ModelRecord(id, name, created, started, time, apiKey, settings, datasetIds, tagIds, modelTypeId, path, parentId,
                null, null, applicationId);
    }

    ModelRecord withFailed(String time, String message) {
        return new ModelRecord(id, name, created, started, completed, apiKey, settings, datasetIds, tagIds, modelTypeId, modelPath, parentId,
                time, message, applicationId);
    }

    /** Stopped by its user: like a failure with that message, a new run starts it again. */
    ModelRecord withStopped(String time) {
        return withFailed(time, STOPPED);
    }

    /** The same record without its API key (what the runs index keeps, and writes to its cache file). */
    ModelRecord withoutApiKey() {
        return apiKey == null ? this : new ModelRecord(id, name, created, started, completed, null, settings, datasetIds, tagIds, modelTypeId,
                modelPath, parentId, failed, failure, applicationId);
    }

    /** True for a test report (a job testing a model). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isReport() {
        return parentId != null;
    }

    /** {@code created} (no job has started it), {@code running}, {@code completed} or {@code failed}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String status() {
        return completed != null ? "completed" : failed != null ? "failed" : started != null ? "running" : "created";
    }

    @Override
    public String toString() {
        return (parentId == null ? "ModelRecord[id=" : "ReportRecord[id=") + id + ", name=" + name + (completed != null ? ", completed" : failed != null ? ", failed" : "") + "]";
    }
}
