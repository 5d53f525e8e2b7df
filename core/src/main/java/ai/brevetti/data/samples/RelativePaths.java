package ai.brevetti.data.samples;

import java.util.Optional;

/** The one rule for paths inside a dataset: relative, '/'-separated, and never leaving it. */
final class RelativePaths {
    private RelativePaths() {}

    /** Why {@code path} is not a path inside a dataset, or empty when it is one ("" is the root). */
    static Optional<String> problem(String path) {
        if (path == null) {
            return Optional.of("it is missing");
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (path.startsWith("/") || path.contains("://") || path.matches("^[A-Za-z]:[/\\\\].*")) {
            return Optional.of("it is absolute; give it relative to the dataset");
        }
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return Optional.of("it has a backslash or a NUL; separate folders with '/'");
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals("..") || s.equals(".")) {
                return Optional.of("it has a '" + s + "' folder, which would leave the dataset or name it twice");
            }
            if (s.isEmpty() && i < segments.length - 1) {
                return Optional.of("it has an empty folder name ('//')");
            }
        }
        return Optional.empty();
    }

    /** {@code path}, or an {@link IllegalArgumentException} starting with {@code what} and saying what is wrong. */
    static String require(String path, String what) {
        problem(path).ifPresent(p -> {
            throw new IllegalArgumentException(what + " '" + path + "' is not a path inside the dataset: " + p);
        });
        return path;
    }

    /**
     * The path of {@code absolute} inside {@code root} (no leading '/'), or empty when it is not inside it
     * (or leaves it again through '..').
     */
    static Optional<String> relative(String root, String absolute) {
        String prefix = root.endsWith("/") ? root : root + "/";
        if (absolute == null || !absolute.startsWith(prefix)) {
            return Optional.empty();
        }
        String rel = absolute.substring(prefix.length());
        return rel.isEmpty() || problem(rel).isPresent() ? Optional.empty() : Optional.of(rel);
    }
}
