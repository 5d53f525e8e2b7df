package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.platform.HttpPlatformClient;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's pages over HTTP, without a browser: escaping, errors, static files, the progress JSON, the pivot. */
class PlatformPagesTest {
    static final String EVIL = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.url() + path))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void escapingCoversTextAttributesAndScriptData() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", Html.esc("<script>alert('x')</script> & \"q\""));
        assertEquals("", Html.esc(null));
        String json = Html.json(Map.of("name", "</script><!-- & \u2028"));
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), json);
        assertEquals("{\"name\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"}", json);
    }

    @Test
    void aModelNamedLikeMarkupIsShownAsText() throws Exception {
        Model model = api.createModel(EVIL, List.of(), Map.of("note", EVIL), List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, model)) {
            job.uploadChart(EVIL, "{\"mark\": \"bar\", \"title\": \"</script><script>window.pwned=3</script>\"}");
        }
        HttpResponse<String> page = get("/models/" + model.id());
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertFalse(html.contains("<script>window.pwned"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertTrue(html.contains("<h1>&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;</h1>"), html);
        assertTrue(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ewindow.pwned=3"), "the chart's JSON is script-safe");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self' 'unsafe-eval'"));
        for (String path : List.of("/", "/models/" + model.id() + "/artifacts")) {
            String other = get(path).body();
            assertFalse(other.contains("<script>window.pwned"), path);
            assertTrue(other.contains("&lt;script&gt;window.pwned=1"), path);
        }
    }

    @Test
    void pageErrorsArePagesAndApiErrorsStayJson() throws Exception {
        HttpResponse<String> missing = get("/models/0f0f0f0f-0000-0000-0000-000000000000");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(missing.body().contains("No model or test report 0f0f0f0f-0000-0000-0000-000000000000 on this platform"), missing.body());

        HttpResponse<String> bad = get("/data/%3Cb%3Ebold%3C%2Fb%3E");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Not a valid id: &#39;&lt;b&gt;bold&lt;/b&gt;&#39;"), bad.body());

        HttpResponse<String> api = get("/api/models/0f0f0f0f-0000-0000-0000-000000000000");
        assertEquals(404, api.statusCode());
        assertTrue(api.body().startsWith("{\"error\":"), api.body());
    }

    @Test
    void theVegaBuildsAndThePageAssetsComeFromThePlatform() throws Exception {
        for (String file : List.of("/static/vega/vega.min.js", "/static/vega/vega-lite.min.js", "/static/vega/vega-embed.min.js",
                "/static/vega-charts.js", "/static/model-page.js")) {
            HttpResponse<String> js = get(file);
            assertEquals(200, js.statusCode(), file);
            assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), file);
            assertTrue(js.body().length() > 1000, file);
        }
        assertEquals(200, get("/static/platform.css").statusCode());
        assertEquals(200, get("/static/vega/vega-lite.LICENSE.txt").statusCode());
        assertEquals(404, get("/static/vega/versions.properties").statusCode());
        assertEquals(404, get("/static/other.js").statusCode());
        assertEquals(404, get("/static/vega/..%2F..%2Flocalplatform%2Fweb%2Fmodel-page.js").statusCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProgressJsonAnswersThePointsFromAnIndex() throws Exception {
        Model model = api.createModel("progress", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, model)) {
            HttpPlatformClient client = (HttpPlatformClient) job.platform();
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("epoch", 1);
            point.put("loss", 0.9);
            client.postRemoteMonitor(point, false);
            point.put("epoch", 2);
            point.put("loss", Double.NaN);
            client.postRemoteMonitor(point, true);
        }
        Map<String, Object> all = Json.parseObject(get("/api/models/" + model.id() + "/remotemonitor/points").body());
        assertEquals("failed", all.get("status"), "closed without completing");
        assertEquals("The job was closed before it completed (completeJob was not called)", all.get("failure"));
        assertEquals(2, all.get("total"));
        assertEquals(0, all.get("charts"));
        assertEquals(2, ((List<Object>) all.get("points")).size());
        Map<String, Object> rest = Json.parseObject(get("/api/models/" + model.id() + "/remotemonitor/points?from=1").body());
        List<Map<String, Object>> points = (List<Map<String, Object>>) rest.get("points");
        assertEquals(1, points.size());
        assertEquals(2, points.get(0).get("epoch"));
        assertEquals(List.of(), Json.parseObject(get("/api/models/" + model.id() + "/remotemonitor/points?from=9").body()).get("points"));
        assertEquals(400, get("/api/models/" + model.id() + "/remotemonitor/points?from=x").statusCode());
    }

    @Test
    void thePivotSumsCountsOverRowAndColumnFields() throws Exception {
        PivotTable table = PivotTable.of(Json.parse(PageFixtures.resource("summary_fields.json")),
                Json.parse(PageFixtures.resource("classification_summary.json")));
        assertEquals(List.of(List.of("ds-a"), List.of("ds-b")), table.rows);
        assertEquals(List.of(List.of("good"), List.of("missing_cap"), List.of("broken")), table.cols, "the field's sort order");
        assertEquals(Map.of("ds-a", Map.of("good", 4.0, "missing_cap", 2.0), "ds-b", Map.of("good", 5.0, "missing_cap", 2.0, "broken", 1.0)),
                table.asMap());
        assertEquals(14.0, table.total());
        assertEquals(9.0, table.colTotal(List.of("good")));
        assertEquals(List.of("Folder", "Purpose"), table.otherFields.stream().map(PivotTable.Field::label).toList());

        PivotTable byFolderAndPurpose = PivotTable.of(Json.parse("{\"rowFields\": [{\"key\": \"folder\", \"label\": \"Folder\"}, "
                + "{\"key\": \"purpose\", \"label\": \"Purpose\"}], \"colFields\": [], \"fields\": []}"),
                Json.parse(PageFixtures.resource("classification_summary.json")));
        assertEquals(List.of(List.of("broken", "devel"), List.of("good", "devel"), List.of("good", "train"), List.of("missing_cap", "train")),
                byFolderAndPurpose.rows);
        assertEquals(8.0, byFolderAndPurpose.rowTotal(List.of("good", "train")));
        assertTrue(byFolderAndPurpose.html(100).contains("<th class=\"total\">Count</th>"));

        PivotTable empty = PivotTable.of(Json.parse(PageFixtures.resource("summary_fields.json")), List.of());
        assertTrue(empty.html(100).contains("The pivot table is empty"));

        PivotTable tuples = PivotTable.of(Map.of("rowFields", List.of(Map.of("key", "category")), "colFields", List.of()),
                List.of(Map.of("category", List.of("a", "b"), "count", 2), Map.of("count", 1)));
        assertEquals(Map.of("a/b", Map.of("", 2.0), "(none)", Map.of("", 1.0)), tuples.asMap());
    }

    @Test
    void brokenArtifactsAreReportedOnThePage() throws Exception {
        Model model = api.createModel("broken outputs", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, model)) {
            job.io().writeFile(job.artifactPath("pivot", "summary_fields.json"), "{not json");
            job.io().writeFile(job.artifactPath("pivot", "classification_summary.json"), "[]");
            job.io().writeFile(job.artifactPath("facets", "facets.json"), "{\"a\": 1}");
        }
        String html = get("/models/" + model.id()).body();
        assertTrue(html.contains("<p class=\"problem\">artifacts/pivot/summary_fields.json is not valid JSON"), html);
        assertTrue(html.contains("artifacts/facets/facets.json is not a list."), html);
        assertTrue(html.contains("No output metrics in artifacts/output.json."), html);
        assertTrue(html.contains("No charts uploaded."), html);
    }
}
