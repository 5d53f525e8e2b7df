package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of test report the platform runs (Python's {@code api.ReportType}): its job's image, resources,
 * settings form ({@link PlatformApi#getSchema(ReportType)}) and what it can run on. Read tolerantly: fields
 * the platform adds are ignored, missing ones get their defaults (numbers -1).
 *
 * @param id type id
 * @param name name
 * @param created creation time
 * @param status its status
 * @param version its version
 * @param shortDescription one line about it
 * @param longDescription more about it
 * @param settingsSchemaName the settings form's file name
 * @param settingsSchemaPath the settings form's URL (read without the platform's credentials)
 * @param dockerImage the image its jobs run in
 * @param maxRuntimeInSeconds the longest a job may run
 * @param instanceCount how many machines a job runs on
 * @param instanceType the kind of machine
 * @param volumeSizeInGb the disk of a job, in GB
 * @param duplicateOf the type it copies, if any
 * @param organization the organization owning it
 * @param organizationId that organization's id, if any
 * @param modelTypeIds the model types whose models it can test
 * @param canRunOnProjects whether it runs on a project
 * @param canRunOnApplications whether it runs on an application
 * @param canRunOnModels whether it runs on models
 */
public record ReportType(String id, String name, String created, int status, String version, String shortDescription,
                         String longDescription, String settingsSchemaName, String settingsSchemaPath, String dockerImage,
                         int maxRuntimeInSeconds, int instanceCount, String instanceType, int volumeSizeInGb,
                         Optional<String> duplicateOf, String organization, Optional<String> organizationId,
                         List<String> modelTypeIds, boolean canRunOnProjects, boolean canRunOnApplications,
                         boolean canRunOnModels) {

    public ReportType {
        modelTypeIds = List.copyOf(modelTypeIds);
    }

    /** A report type from the platform's JSON object. */
    public static ReportType fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new ReportType(f.text("id"), f.text("name"), f.text("created"), f.integer("status"), f.text("version"),
                f.text("shortDescription"), f.text("longDescription"), f.text("settingsSchemaName"), f.text("settingsSchemaPath"),
                f.text("dockerImage"), f.integer("maxRuntimeInSeconds"), f.integer("instanceCount"), f.text("instanceType"),
                f.integer("volumeSizeInGB", "volumeSizeInGb"), f.optional("duplicateOf"), f.text("organization"),
                f.optional("organizationId"), f.strings("modelTypeIds"), f.bool("canRunOnProjects"),
                f.bool("canRunOnApplications"), f.bool("canRunOnModels"));
    }
}
