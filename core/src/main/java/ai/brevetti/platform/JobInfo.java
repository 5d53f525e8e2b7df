package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's input configuration, {@code info.json}, as the platform writes it into the job folder:
 * {@code id, name, api_key, host_name, charts_url, complete_url, remote_url, security_credentials_url,
 * settings, datasets, tags} and whatever else it holds (kept in {@link #raw()}).
 */
public final class JobInfo {
    private final Map<String, Object> raw;

    private JobInfo(Map<String, Object> raw) {
        this.raw = Collections.unmodifiableMap(raw);
    }

    /**
     * Parses info.json.
     *
     * @param source where it came from, named in errors
     * @throws JobException when it is not a JSON object or a key has the wrong kind of value
     */
    public static JobInfo parse(byte[] content, String source) {
        Map<String, Object> map;
        try {
            map = Json.parseObject(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new JobException("info.json at '" + source + "' is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
                    + "). Fix the file or point --info_file at a valid one.", e);
        } catch (IllegalArgumentException e) {
            throw new JobException("info.json at '" + source + "' must hold a JSON object, not " + e.getMessage(), e);
        }
        return of(map, source);
    }

    /** Info from a map (a job made in code); {@code source} names it in errors. */
    public static JobInfo of(Map<String, ?> map, String source) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        expect(copy, "settings", Map.class, "a JSON object", source);
        expect(copy, "datasets", List.class, "a JSON list", source);
        expect(copy, "tags", List.class, "a JSON list", source);
        for (String key : List.of("id", "name", "api_key", "host_name", "charts_url", "complete_url", "remote_url",
                "security_credentials_url", "run_id")) {
            Object v = copy.get(key);
            if (v != null && !(v instanceof String)) {
                throw new JobException("info.json at '" + source + "': \"" + key + "\" must be a text, not " + Json.write(v));
            }
        }
        return new JobInfo(copy);
    }

    private static void expect(Map<String, Object> map, String key, Class<?> type, String what, String source) {
        Object v = map.get(key);
        if (v != null && !type.isInstance(v)) {
            throw new JobException("info.json at '" + source + "': \"" + key + "\" must be " + what + ", not "
                    + Json.write(v) + ". Fix the file; nothing was written.");
        }
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable((String) raw.get(key)).filter(s -> !s.isEmpty());
    }

    public Optional<String> id() {
        return text("id");
    }

    public Optional<String> name() {
        return text("name");
    }

    public Optional<Secret> apiKey() {
        return text("api_key").map(Secret::of);
    }

    public Optional<String> hostName() {
        return text("host_name");
    }

    public Optional<String> runId() {
        return text("run_id");
    }

    public ApiEndpoints endpoints() {
        return new ApiEndpoints(text("charts_url"), text("complete_url"), text("remote_url"),
                text("security_credentials_url"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> settings() {
        Object settings = raw.get("settings");
        return settings == null ? Map.of() : (Map<String, Object>) settings;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> datasets() {
        List<Map<String, Object>> out = new ArrayList<>();
        Object list = raw.get("datasets");
        if (list instanceof List<?> l) {
            for (Object d : l) {
                if (!(d instanceof Map<?, ?>)) {
                    throw new JobException("info.json: every entry of \"datasets\" must be a JSON object, not " + Json.write(d));
                }
                out.add((Map<String, Object>) d);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<Tag> tags() {
        List<Tag> out = new ArrayList<>();
        if (raw.get("tags") instanceof List<?> list) {
            for (Object t : list) {
                if (t instanceof Map<?, ?> m) {
                    out.add(Tag.fromMap((Map<String, ?>) m));
                }
            }
        }
        return out;
    }

    /**
     * For a test report: where the tested model's archive is ({@code parent.model_path}), when info.json
     * says.
     */
    public Optional<String> parentModelPath() {
        return raw.get("parent") instanceof Map<?, ?> parent && parent.get("model_path") instanceof String path && !path.isEmpty()
                ? Optional.of(path) : Optional.empty();
    }

    /** For a test report: the tested model's id. */
    public Optional<String> parentId() {
        return raw.get("parent") instanceof Map<?, ?> parent && parent.get("id") instanceof String id ? Optional.of(id) : Optional.empty();
    }

    /** Everything info.json holds, as read. Contains the API key: never print it. */
    public Map<String, Object> raw() {
        return raw;
    }

    @Override
    public String toString() {
        return "JobInfo[id=" + id().orElse("?") + ", name=" + name().orElse("?") + "]";
    }
}
