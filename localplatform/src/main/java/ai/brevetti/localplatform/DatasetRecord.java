package ai.brevetti.localplatform;

import java.util.List;

/**
 * A dataset as the local platform keeps it, in the web API's JSON shape. Its files live under
 * {@code s3://<bucket>/<folderName>/}.
 *
 * @param id dataset id
 * @param name name
 * @param created creation time
 * @param folderName its folder in the data bucket
 * @param reference free-text reference
 * @param notes notes
 * @param tagIds tags
 * @param locked whether it is locked
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetRecord(String id, String name, String created, String folderName, String reference, String notes,
                            List<String> tagIds, boolean locked) {
    public DatasetRecord {
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
        reference = reference == null ? "" : reference;
        notes = notes == null ? "" : notes;
    }

    /** The same dataset with these fields changed ({@code POST /api/data/{id}}). */
    DatasetRecord updated(String newName, String newReference, String newNotes, List<String> newTagIds, boolean newLocked) {
        return new DatasetRecord(id, newName, created, folderName, newReference, newNotes, newTagIds, newLocked);
    }
}
