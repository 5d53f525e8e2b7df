package ai.brevetti.platform;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of a model's or report's artifacts ({@link PlatformApi#getArtifacts(Model, String)}; Python's
 * {@code api.FileEntry}): a file, or a folder ({@link #isFolder()}) to list with its name as the prefix.
 * Read tolerantly: fields the platform adds are ignored, missing ones get their defaults.
 *
 * @param name its name, relative to the prefix listed
 * @param isPrefix true for a folder
 * @param size its size in bytes (-1 when not given)
 * @param lastModified when it was last written, if given
 * @param link its download link ({@link PlatformApi#downloadUrl})
 * @param mimeType its media type ({@code folder} for a folder)
 * @param tileSource its tiles' source for the image viewer, if any
 */
public record FileEntry(String name, boolean isPrefix, long size, Optional<String> lastModified, String link, String mimeType,
                        Optional<String> tileSource) {

    /** An entry from the platform's JSON object. */
    public static FileEntry fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new FileEntry(f.text("name"), f.bool("isPrefix"), f.number(-1, "size"), f.optional("lastModified"), f.text("link"),
                f.text("mimeType"), f.optional("tileSource"));
    }

    /** True for a folder: {@code isPrefix}, or the media type {@code folder}. */
    public boolean isFolder() {
        return isPrefix || mimeType.equals("folder");
    }
}
