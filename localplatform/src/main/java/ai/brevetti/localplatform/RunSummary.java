package ai.brevetti.localplatform;

import java.util.Map;

/**
 * What the index and the comparison page show of one job (a model or a test report): its record and the
 * output metrics of its {@code artifacts/output.json}, flattened to scalars ({@link OutputMetrics}).
 *
 * @param record the platform's record of the job, without its API key (summaries are kept in a file: {@link RunIndexFile})
 * @param metrics output metric name → number, string or boolean, in the file's order; empty without output.json
 * @param outputProblem why output.json could not be read, or null
 */
record RunSummary(ModelRecord record, Map<String, Object> metrics, String outputProblem) {
    RunSummary {
        record = record.withoutApiKey();
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    String id() {
        return record.id();
    }

    String kind() {
        return record.isReport() ? "report" : "model";
    }
}
