package ai.brevetti.data.annotation;

import ai.brevetti.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which classes (mask channels) each annotation label draws into (Python's {@code label_space}): every class
 * name is a label of its own class, and each mapping entry {@code label → "a|b"} draws its label into
 * classes a and b (the classes it names that exist; an entry naming none leaves its label as it was). A label
 * that is neither is unknown: its shapes are left out.
 */
final class LabelSpace {
    private final List<String> classes;
    private final Map<String, int[]> channels = new LinkedHashMap<>();
    private final Map<String, String> invalid = new LinkedHashMap<>();

    LabelSpace(List<String> classes, Map<String, List<String>> mapping) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("An annotation loader needs at least one class");
        }
        Set<String> seen = new HashSet<>();
        for (String c : classes) {
            if (c == null || c.isBlank() || !seen.add(c)) {
                throw new IllegalArgumentException("Classes are distinct, non-blank names; " + classes + " has "
                        + (c == null || c.isBlank() ? "a blank one" : "'" + c + "' twice"));
            }
        }
        this.classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            channels.put(classes.get(i), new int[] {i});
        }
        mapping.forEach((label, names) -> {
            List<Integer> valid = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String name : names) {
                int i = classes.indexOf(name);
                if (i < 0) {
                    unknown.add(name);
                } else if (!valid.contains(i)) {
                    valid.add(i);
                }
            }
            if (!unknown.isEmpty()) {
                invalid.put(label, String.join("|", unknown));
            }
            if (!valid.isEmpty()) {
                channels.put(label, valid.stream().mapToInt(Integer::intValue).toArray());
            }
        });
    }

    List<String> classes() {
        return classes;
    }

    /** The class indices {@code label} draws into, or null for an unknown label. */
    int[] channels(String label) {
        return channels.get(label);
    }

    /** The labels drawing into more than one class (not possible in a sparse mask). */
    List<String> multiClassLabels() {
        return channels.entrySet().stream().filter(e -> e.getValue().length > 1).map(Map.Entry::getKey).toList();
    }

    /** The SDK's log line for mapping entries naming classes that do not exist, or null when there are none. */
    String invalidClassesMessage() {
        return invalid.isEmpty() ? null : "Invalid classes in map: " + Json.write(invalid);
    }
}
