package ai.brevetti.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A dataset the job may read: its id, name and root location ({@code bucket}: a local folder or an
 * {@code s3://} prefix), as listed in info.json.
 *
 * @param id dataset id
 * @param name dataset name
 * @param bucket root location of its files
 * @param reference free-text reference, empty when none
 * @param notes free-text notes
 * @param locked whether the platform locked it
 * @param tags its tags (only ids when info.json lists {@code tagIds})
 */
public record Dataset(String id, String name, String bucket, String reference, String notes, boolean locked,
                      List<Tag> tags) {
    public Dataset {
        tags = List.copyOf(tags);
    }

    /** A standalone dataset over any folder or prefix. */
    public static Dataset of(String name, String bucket) {
        return new Dataset(UUID.randomUUID().toString(), name, bucket, "", "", false, List.of());
    }

    /** A dataset from info.json's entry; {@code dataBucket} locates datasets that give no bucket. */
    @SuppressWarnings("unchecked")
    public static Dataset fromMap(Map<String, ?> map, String dataBucket) {
        String id = Objects.toString(map.get("id"), UUID.randomUUID().toString());
        String bucket = Optional.ofNullable(map.get("bucket")).map(String::valueOf)
                .orElseGet(() -> dataBucket + "/" + Objects.toString(map.get("folderName"), id));
        List<Tag> tags = new ArrayList<>();
        if (map.get("tags") instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof Map<?, ?> m) {
                    tags.add(Tag.fromMap((Map<String, ?>) m));
                }
            }
        }
        if (map.get("tagIds") instanceof List<?> ids) {
            for (Object tagId : ids) {
                tags.add(new Tag(String.valueOf(tagId), "<Unknown>", Optional.empty(), "", List.of()));
            }
        }
        return new Dataset(id, Objects.toString(map.get("name"), id), bucket, Objects.toString(map.get("reference"), ""),
                Objects.toString(map.get("notes"), ""), Boolean.TRUE.equals(map.get("locked")), tags);
    }

    /** The dataset's page on the platform: {@code {host}/data/{id}}. */
    public String getUri(String host) {
        return host + "/data/" + id;
    }
}
