package ai.brevetti.io;

import java.util.List;

/**
 * One folder of a {@link IoTools#walk walk}, like Python's {@code os.walk} tuple.
 *
 * @param root the folder path
 * @param dirs names of its sub-folders
 * @param files names of its files
 */
public record WalkEntry(String root, List<String> dirs, List<String> files) {
    public WalkEntry {
        dirs = List.copyOf(dirs);
        files = List.copyOf(files);
    }
}
