package ai.brevetti.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of model the platform trains (Python's {@code api.ModelType}): its job's image, resources and the
 * settings form ({@link PlatformApi#getSchema(ModelType)} reads it from {@code settingsSchemaPath}). Read
 * tolerantly: fields the platform adds are ignored, missing ones get their defaults (numbers -1).
 *
 * @param id type id (the custom job's is {@link PlatformApi#CUSTOM_JOB_TYPE})
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
 * @param reportTypeIds the report types that can test its models
 */
public record ModelType(String id, String name, String created, int status, String version, String shortDescription,
                        String longDescription, String settingsSchemaName, String settingsSchemaPath, String dockerImage,
                        int maxRuntimeInSeconds, int instanceCount, String instanceType, int volumeSizeInGb,
                        Optional<String> duplicateOf, String organization, Optional<String> organizationId,
                        List<String> reportTypeIds) {

    public ModelType {
        reportTypeIds = List.copyOf(reportTypeIds);
    }

    /** A model type from the platform's JSON object. */
    public static ModelType fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new ModelType(f.text("id"), f.text("name"), f.text("created"), f.integer("status"), f.text("version"),
                f.text("shortDescription"), f.text("longDescription"), f.text("settingsSchemaName"), f.text("settingsSchemaPath"),
                f.text("dockerImage"), f.integer("maxRuntimeInSeconds"), f.integer("instanceCount"), f.text("instanceType"),
                f.integer("volumeSizeInGB", "volumeSizeInGb"), f.optional("duplicateOf"), f.text("organization"),
                f.optional("organizationId"), f.strings("reportTypeIds"));
    }
}
