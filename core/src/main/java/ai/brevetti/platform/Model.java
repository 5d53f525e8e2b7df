package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model (a training job) as the platform's web API describes it (Python's {@code api.Model}). Read
 * tolerantly: fields the platform adds are ignored, missing ones get their defaults.
 *
 * @param id model id (the job id of its training)
 * @param name name
 * @param created creation time as the platform writes it
 * @param started when training started, if it has
 * @param completed when its job completed, if it has
 * @param jobId the id of its job, if the platform names one
 * @param version its version ("" when not given)
 * @param modelTypeId its model type (the custom job, {@link PlatformApi#CUSTOM_JOB_TYPE}, by default)
 * @param modelTypeStatus the status of its model type (-1 when not given)
 * @param modelUrl where its model is, once there is one
 * @param settings its settings as JSON text
 * @param datasetIds the datasets it trains on
 * @param tagIds its tags
 * @param reportTypeIds the report types that can test it
 * @param applicationId the application it belongs to, if any
 * @param hasDeployments whether it is deployed
 * @param apiKey the key its job authenticates with (masked when printed); empty but in the answer creating the model
 * @param modelPath its model archive, relative to the job folder, once completed (the local platform's)
 * @param failed when its job reported a failure (it ended without completing), if it did (the local platform's)
 * @param failure that failure's message (the local platform's)
 */
public record Model(String id, String name, String created, Optional<String> started, Optional<String> completed,
                    Optional<String> jobId, String version, String modelTypeId, int modelTypeStatus, Optional<String> modelUrl,
                    String settings, List<String> datasetIds, List<String> tagIds, List<String> reportTypeIds,
                    Optional<String> applicationId, boolean hasDeployments, Secret apiKey, Optional<String> modelPath,
                    Optional<String> failed, Optional<String> failure) {

    public Model {
        datasetIds = List.copyOf(datasetIds);
        tagIds = List.copyOf(tagIds);
        reportTypeIds = List.copyOf(reportTypeIds);
    }

    /** A model from the platform's JSON object. */
    public static Model fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new Model(f.text("id"), f.text("name"), f.text("created"), f.optional("started"), f.optional("completed"),
                f.optional("jobId"), f.text("version"), f.text("modelTypeId"), f.integer("modelTypeStatus"), f.optional("modelUrl"),
                f.optional("settings").orElse("{}"), f.strings("datasetIds"), f.strings("tagIds"), f.strings("reportTypeIds"),
                f.optional("applicationId"), f.bool("hasDeployments"), f.secret("apiKey"), f.optional("modelPath"),
                f.optional("failed"), f.optional("failure"));
    }

    /** The model's page: {@code {host}/models/{id}}. */
    public String page(String host) {
        return host + "/models/" + id;
    }
}
