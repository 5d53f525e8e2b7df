package ai.brevetti.localplatform;

import ai.brevetti.internal.Urls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web API's JSON of a model and of a test report (the real platform's fields, spec §8, plus the local
 * platform's {@code modelPath}, {@code failed} and {@code failure}). Never the API key: only the answer
 * creating a job adds it ({@link #withKey}).
 */
final class JobJson {
    private JobJson() {}

    static Map<String, Object> model(ModelRecord m, String host) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("name", m.name());
        json.put("created", m.created());
        json.put("started", m.started());
        json.put("completed", m.completed());
        json.put("jobId", m.id());
        json.put("modelTypeId", m.modelTypeId());
        json.put("modelTypeStatus", JobTypes.isModelType(m.modelTypeId()) ? JobTypes.AVAILABLE : -1);
        json.put("modelUrl", m.completed() != null && m.modelPath() != null ? Urls.downloadLink(host, m.id() + "/" + m.modelPath()) : null);
        json.put("settings", m.settings());
        json.put("datasetIds", m.datasetIds());
        json.put("tagIds", m.tagIds());
        json.put("reportTypeIds", JobTypes.isModelType(m.modelTypeId()) ? List.of(JobTypes.TEST_REPORT) : List.of());
        json.put("applicationId", m.applicationId());
        json.put("hasDeployments", false);
        localFields(json, m);
        return json;
    }

    static Map<String, Object> report(ModelRecord r, Optional<ModelRecord> parent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("name", r.name());
        json.put("created", r.created());
        json.put("started", r.started());
        json.put("completed", r.completed());
        json.put("parentId", r.parentId());
        json.put("parentName", parent.map(ModelRecord::name).orElse(null));
        json.put("parentType", "model");
        json.put("parentVersion", null);
        json.put("projectId", null);
        json.put("reportTypeId", JobTypes.TEST_REPORT);
        json.put("reportTypeName", "Test report");
        json.put("reportTypeStatus", JobTypes.AVAILABLE);
        json.put("reportTypeVersion", JobTypes.VERSION);
        json.put("modelIds", r.parentId() == null ? List.of() : List.of(r.parentId()));
        json.put("datasetIds", r.datasetIds());
        json.put("tagIds", r.tagIds());
        json.put("settings", r.settings());
        json.put("hasDeployments", false);
        json.put("jobId", r.id());
        localFields(json, r);
        return json;
    }

    private static void localFields(Map<String, Object> json, ModelRecord m) {
        json.put("modelPath", m.modelPath());
        json.put("failed", m.failed());
        json.put("failure", m.failure());
    }

    /** The answer creating a job: its JSON with its API key, the one time it is shown. */
    static Map<String, Object> withKey(Map<String, Object> json, ModelRecord m) {
        Map<String, Object> out = new LinkedHashMap<>(json);
        out.put("apiKey", m.apiKey());
        return out;
    }
}
