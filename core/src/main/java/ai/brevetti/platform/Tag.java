package ai.brevetti.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A platform tag: a tree of named tags (datasets and models are tagged with them).
 *
 * @param id tag id
 * @param name tag name
 * @param parentId the parent's id, empty at a root
 * @param created creation time as the platform writes it
 * @param children sub-tags
 */
public record Tag(String id, String name, Optional<String> parentId, String created, List<Tag> children) {
    public Tag {
        children = List.copyOf(children);
    }

    /** A tag from the platform's JSON object ({@code id, name, parentId, created, children}). */
    public static Tag fromMap(Map<String, ?> map) {
        List<Tag> children = new ArrayList<>();
        if (map.get("children") instanceof List<?> list) {
            for (Object child : list) {
                if (child instanceof Map<?, ?> m) {
                    children.add(fromMap(stringKeys(m)));
                }
            }
        }
        Object parent = map.containsKey("parentId") ? map.get("parentId") : map.get("parent_id");
        return new Tag(Objects.toString(map.get("id"), ""), Objects.toString(map.get("name"), "<Unknown>"),
                Optional.ofNullable(parent).map(String::valueOf), Objects.toString(map.get("created"), ""), children);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Every tag in {@code trees} (recursively) whose {@code key} value equals {@code value}. */
    public static List<Tag> find(List<Tag> trees, Function<Tag, ?> key, Object value) {
        List<Tag> found = new ArrayList<>();
        for (Tag tag : trees) {
            if (Objects.equals(key.apply(tag), value)) {
                found.add(tag);
            }
            found.addAll(find(tag.children(), key, value));
        }
        return found;
    }

    /** The paths root → match for every matching tag in {@code trees}. */
    public static List<List<Tag>> findPath(List<Tag> trees, Function<Tag, ?> key, Object value) {
        List<List<Tag>> paths = new ArrayList<>();
        for (Tag tag : trees) {
            if (Objects.equals(key.apply(tag), value)) {
                paths.add(List.of(tag));
            }
            for (List<Tag> sub : findPath(tag.children(), key, value)) {
                List<Tag> path = new ArrayList<>();
                path.add(tag);
                path.addAll(sub);
                paths.add(List.copyOf(path));
            }
        }
        return paths;
    }
}
