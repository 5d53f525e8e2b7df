package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test report (a job testing models) as the platform's web API describes it (Python's {@code api.Report}).
 * Read tolerantly: fields the platform adds are ignored, missing ones get their defaults.
 *
 * @param id report id (its job's id)
 * @param name name
 * @param created creation time as the platform writes it
 * @param started when its job started, if it has
 * @param completed when its job completed, if it has
 * @param parentId what it tests (a model), if anything
 * @param parentName the parent's name
 * @param parentType the parent's kind ({@code "model"})
 * @param parentVersion the parent's version ("" when not given)
 * @param projectId its project, if any
 * @param reportTypeId its report type
 * @param reportTypeName that type's name
 * @param reportTypeStatus that type's status (-1 when not given)
 * @param reportTypeVersion that type's version ("" when not given)
 * @param modelIds the models it tests
 * @param datasetIds the datasets it tests on
 * @param tagIds its tags
 * @param settings its settings as JSON text
 * @param hasDeployments whether it is deployed
 * @param apiKey the key its job authenticates with (masked when printed); empty but in the answer creating it
 * @param jobId the id of its job, if the platform names one
 * @param modelPath what its job completed with, relative to its folder (the local platform's)
 * @param failed when its job reported a failure, if it did (the local platform's)
 * @param failure that failure's message (the local platform's)
 */
public record Report(String id, String name, String created, Optional<String> started, Optional<String> completed,
                     Optional<String> parentId, String parentName, String parentType, String parentVersion,
                     Optional<String> projectId, String reportTypeId, String reportTypeName, int reportTypeStatus,
                     String reportTypeVersion, List<String> modelIds, List<String> datasetIds, List<String> tagIds,
                     String settings, boolean hasDeployments, Secret apiKey, Optional<String> jobId,
                     Optional<String> modelPath, Optional<String> failed, Optional<String> failure) {

    public Report {
        modelIds = List.copyOf(modelIds);
        datasetIds = List.copyOf(datasetIds);
        tagIds = List.copyOf(tagIds);
    }

    /** A report from the platform's JSON object. */
    public static Report fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new Report(f.text("id"), f.text("name"), f.text("created"), f.optional("started"), f.optional("completed"),
                f.optional("parentId"), f.text("parentName"), f.text("parentType"), f.text("parentVersion"),
                f.optional("projectId"), f.text("reportTypeId"), f.text("reportTypeName"), f.integer("reportTypeStatus"),
                f.text("reportTypeVersion"), f.strings("modelIds"), f.strings("datasetIds"), f.strings("tagIds"),
                f.optional("settings").orElse("{}"), f.bool("hasDeployments"), f.secret("apiKey"), f.optional("jobId"),
                f.optional("modelPath"), f.optional("failed"), f.optional("failure"));
    }

    /** The report's page: {@code {host}/reports/{id}}. */
    public String page(String host) {
        return host + "/reports/" + id;
    }
}
