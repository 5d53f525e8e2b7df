package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Urls;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Report;
import ai.brevetti.settings.GenericSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test report's confusion matrix, the artifacts page's tree and previews, the dataset page's class
 * distribution and thumbnails, over HTTP without a browser (ReportPageIT draws them in Chromium).
 */
class ReportPagesTest {
    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Path images = dir.resolve("images");
        for (String file : List.of("good/1.png", "good/2.png", "good/3.jpg", "bad/4.png", "bad/5.tif")) {
            Files.createDirectories(images.resolve(file).getParent());
            Files.write(images.resolve(file), new byte[] {1, 2, 3});
        }
        dataset = api.createDataset("distribution", "", "", List.of());
        api.uploadFolder(dataset, images);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.url() + path))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A test report of a completed model, its artifacts written by {@code artifacts}. */
    static Report report(String name, java.util.function.Consumer<Job<GenericSettings>> artifacts) throws Exception {
        Model tested = api.createModel(name, List.of(dataset.id()), Map.of(), List.of());
        try (Job<GenericSettings> training = PageFixtures.job(platform, tested)) {
            training.completeJob(Files.writeString(dir.resolve(name + ".tar.gz"), "model bytes"));
        }
        Report report = api.createTestReport(tested.id(), List.of(dataset.id()));
        try (Job<GenericSettings> job = Job.builder().jobId(report.id()).apiKey(report.apiKey().reveal()).host(platform.url()).args()
                .environment(Map.of()).init()) {
            artifacts.accept(job);
        }
        return report;
    }

    @Test
    void theConfusionMatrixCountsTruePerPredictedClass() {
        ConfusionMatrix matrix = ConfusionMatrix.of(PageFixtures.predictionsCsv("s3://data/ds"));
        assertEquals(List.of("good", "missing_cap", "broken", "<b>odd</b>"), matrix.trueClasses, "the model's classes first, then others");
        assertEquals(List.of("good", "missing_cap", "broken"), matrix.predictedClasses);
        assertEquals(List.of(1L, 1L, 0L), List.of(matrix.counts[0][0], matrix.counts[0][1], matrix.counts[0][2]));
        assertEquals(List.of(1L, 1L, 0L), List.of(matrix.counts[1][0], matrix.counts[1][1], matrix.counts[1][2]));
        assertEquals(List.of(0L, 2L, 0L), List.of(matrix.counts[2][0], matrix.counts[2][1], matrix.counts[2][2]));
        assertEquals(1L, matrix.counts[3][0]);
        assertEquals(7, matrix.total);
        assertEquals(5, matrix.misclassified());
        assertEquals(List.of(new ConfusionMatrix.Sample("s3://data/ds/good/2.png", "good", "missing_cap", 0.7)), matrix.samples.get(0).get(1));
        assertEquals(List.of(), matrix.samples.get(0).get(0), "the diagonal lists no samples");
        assertEquals("s3://data/ds/odd/a \"quoted\", name.png", matrix.samples.get(3).get(0).get(0).path(), "CSV quoting read");

        ConfusionMatrix unnamed = ConfusionMatrix.of("category,prediction\nb,a\na,a\n,a\n");
        assertEquals(List.of("(none)", "a", "b"), unnamed.trueClasses, "no prob_ columns: the values alphabetically");
        assertEquals(List.of("a"), unnamed.predictedClasses);
        assertEquals(2, unnamed.misclassified());

        IllegalArgumentException noTruth = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of("path,prediction\na.png,good\n"));
        assertTrue(noTruth.getMessage().startsWith("predictions.csv has no 'category' column (the true class)"), noTruth.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(""));
        assertTrue(empty.getMessage().contains("predictions.csv is empty"), empty.getMessage());
    }

    @Test
    void aReportShowsItsConfusionMatrixWithLinksToTheMisclassifiedSamples() throws Exception {
        String location = dataset.bucket();
        Report report = report("confused", job -> job.io().writeFile(job.artifactPath("predictions.csv"), PageFixtures.predictionsCsv(location)));
        String html = get("/reports/" + report.id()).body();
        assertTrue(html.contains("<section id=\"confusion\">"), html);
        assertTrue(html.contains("7 samples, 5 misclassified"), html);
        assertTrue(html.contains("<input type=\"radio\" name=\"confusion-norm\" id=\"norm-true\""), "the normalisation toggle");
        // good predicted as missing_cap: 1 of 2 good samples, linked to its samples
        assertTrue(html.contains("data-count=\"1\" data-share=\"0.5000\" style=\"--c:0.500;--r:0.500\"><a href=\"#cell-0-1\""), html);
        assertTrue(html.contains("data-count=\"2\" data-share=\"1.0000\" style=\"--c:1.000;--r:1.000\"><a href=\"#cell-2-1\""), html);
        assertFalse(html.contains("href=\"#cell-0-0\""), "correct predictions are no link");
        String key = location.substring(location.indexOf('/', "s3://".length()) + 1) + "/good/2.png";
        assertTrue(html.contains("<div class=\"cell-samples\" id=\"cell-0-1\">"), html);
        assertTrue(html.contains("<img loading=\"lazy\" src=\"/download?path=" + Urls.quote(key, "") + "\" alt=\"2.png\">"), html);
        assertTrue(html.contains("<span class=\"true-class\">true: good</span><span class=\"predicted-class\">predicted: missing_cap (0.70)</span>"),
                html);
        assertTrue(html.contains("<th class=\"true\">&lt;b&gt;odd&lt;/b&gt;</th>"), "a class is text");
        assertFalse(html.contains("<b>odd</b>"), html);
        assertEquals(200, get("/download?path=" + Urls.quote(key, "")).statusCode(), "the thumbnail's link is the image");
    }

    @Test
    void confusionProblemsAreNotesOnThePage() throws Exception {
        Report none = report("unpredicted", job -> { });
        assertTrue(get("/reports/" + none.id()).body().contains("No artifacts/predictions.csv (yet): no confusion matrix."));
        Report noTruth = report("untrue", job -> job.io().writeFile(job.artifactPath("predictions.csv"), "path,prob_a,prediction\nx.png,1,a\n"));
        assertTrue(get("/reports/" + noTruth.id()).body().contains("<p class=\"problem\">predictions.csv has no &#39;category&#39; column"));
        Report elsewhere = report("elsewhere", job -> job.io().writeFile(job.artifactPath("predictions.csv"),
                "category,path,prob_a,prob_b,prediction\na,/home/me/x.png,0.1,0.9,b\na,s3://other-bucket/y.png,0.2,0.8,b\n"));
        String html = get("/reports/" + elsewhere.id()).body();
        assertTrue(html.contains("<div class=\"no-image\">x.png</div>") && html.contains("<div class=\"no-image\">y.png</div>"),
                "no link for images outside the platform's bucket: " + html);
        Model model = api.createModel("no predictions", List.of(), Map.of(), List.of());
        assertFalse(get("/models/" + model.id()).body().contains("id=\"confusion\""), "a model without predictions has no section");
    }

    @Test
    void theArtifactsPageShowsATreeAndPreviewsFilesInline() throws Exception {
        Report report = report("artifacts", job -> {
            job.io().writeFile(job.artifactPath("output.json"), "{\"output\": {\"accuracy\": 0.5, \"note\": \"<b>bold</b>\"}}");
            job.io().writeFile(job.artifactPath("data", "table.csv"), "name,value\n\"a, b\",1\n<i>x</i>,2\n");
            job.io().writeFile(job.artifactPath("logs", "deep", "run.log"), "line 1\n<script>window.pwned=1</script>\n");
            job.io().writeFile(job.artifactPath("page.html"), "<script>window.pwned=2</script>");
            job.io().writeFile(job.artifactPath("broken.json"), "{\"a\": ");
            job.io().writeFile(job.artifactPath("model.tar.gz"), new byte[] {31, -117, 8, 0});
            job.io().writeFile(job.artifactPath("thumb.png"), new byte[] {1});
        });
        String page = "/reports/" + report.id() + "/artifacts";
        String tree = get(page).body();
        assertTrue(tree.contains("<li class=\"folder\" data-path=\"logs\"><details open><summary>logs/ <span class=\"note\">1</span></summary>"), tree);
        assertTrue(tree.contains("<li class=\"folder\" data-path=\"logs/deep\">"), tree);
        assertTrue(tree.contains("<a href=\"" + page + "?file=logs/deep/run.log\">run.log</a>"), tree);
        assertTrue(tree.contains("Pick a file in the tree to see it here."), tree);
        assertTrue(tree.contains("<table class=\"artifacts\">"), "the table of downloads stays");

        String json = get(page + "?file=output.json").body();
        assertTrue(json.contains("<pre id=\"preview-json\" class=\"json\">{\n  &quot;output&quot;: {\n    &quot;accuracy&quot;: 0.5,"), json);
        assertTrue(json.contains("<li class=\"file selected\" data-path=\"output.json\">"), json);
        assertTrue(json.contains("<a id=\"preview-download\" href=\"/download?path=" + report.id() + "%2Fartifacts%2Foutput.json\">download</a>"), json);

        String csv = get(page + "?file=data/table.csv").body();
        assertTrue(csv.contains("<thead><tr><th>name</th><th>value</th></tr></thead>\n<tbody>\n<tr><td>a, b</td><td>1</td></tr>\n"
                + "<tr><td>&lt;i&gt;x&lt;/i&gt;</td><td>2</td></tr>"), csv);
        assertTrue(csv.contains("2 rows."), csv);

        String text = get(page + "?file=logs/deep/run.log").body();
        assertTrue(text.contains("<pre id=\"preview-text\" class=\"text\">line 1\n&lt;script&gt;window.pwned=1&lt;/script&gt;\n</pre>"), text);
        String html = get(page + "?file=page.html").body();
        assertTrue(html.contains("&lt;script&gt;window.pwned=2&lt;/script&gt;") && !html.contains("<script>window.pwned"), "HTML shows as its source");
        String broken = get(page + "?file=broken.json").body();
        assertTrue(broken.contains("<p class=\"problem\">broken.json is not valid JSON") && broken.contains("; shown as text."), broken);
        assertTrue(get(page + "?file=model.tar.gz").body().contains("No preview of this kind of file: download it."));
        assertTrue(get(page + "?file=thumb.png").body().contains("<img id=\"preview-image\" class=\"preview\" src=\"/download?path="
                + report.id() + "%2Fartifacts%2Fthumb.png\""));
        HttpResponse<String> outside = get(page + "?file=../info.json");
        assertEquals(200, outside.statusCode());
        assertTrue(outside.body().contains("No artifact &#39;../info.json&#39; in artifacts/."), outside.body());
        assertFalse(outside.body().contains(report.apiKey().reveal()), "nothing outside artifacts/ is read");
        assertTrue(get(page + "?file=nope.txt").body().contains("No artifact &#39;nope.txt&#39; in artifacts/."));
        assertTrue(get(page).headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("sandbox allow-scripts", get("/download?path=" + report.id() + "%2Fartifacts%2Fpage.html").headers()
                .firstValue("Content-Security-Policy").orElse(""), "a download still opens sandboxed");
    }

    @Test
    void aLargeTextArtifactIsNotReadForItsPreview() throws Exception {
        Report report = report("large", job -> job.io().writeFile(job.artifactPath("big.txt"), new byte[(int) ArtifactsPage.MAX_PREVIEW_BYTES + 1]));
        String html = get("/reports/" + report.id() + "/artifacts?file=big.txt").body();
        assertTrue(html.contains("Too large to preview (2.0 MiB, at most 2.0 MiB): download it."), html);
        assertEquals(ArtifactsPage.Kind.CSV, ArtifactsPage.kind("a/B.CSV"));
        assertEquals(ArtifactsPage.Kind.TEXT, ArtifactsPage.kind("chart.svg"), "SVG shows as its source");
        assertEquals(ArtifactsPage.Kind.NONE, ArtifactsPage.kind("saved_model.1234.tar.gz"));
    }

    @Test
    void theDatasetPageShowsTheClassDistributionAndThumbnails() throws Exception {
        String html = get("/data/" + dataset.id()).body();
        assertTrue(html.contains("<section id=\"class-distribution\">"), html);
        assertTrue(html.contains("<tr data-folder=\"good\"><td>good</td><td class=\"num\">3</td><td class=\"num\">60.0%</td>"
                + "<td class=\"bar-cell\"><span class=\"bar\" style=\"width:100.0%\"></span></td></tr>"), html);
        assertTrue(html.contains("<tr data-folder=\"bad\"><td>bad</td><td class=\"num\">2</td><td class=\"num\">40.0%</td>"
                + "<td class=\"bar-cell\"><span class=\"bar\" style=\"width:66.7%\"></span></td></tr>"), html);
        String bad = html.substring(html.indexOf("<div class=\"thumbnail-folder\" data-folder=\"bad\">"));
        bad = bad.substring(0, bad.indexOf("<div class=\"thumbnail-folder\"", 1));
        assertEquals(1, bad.split("<img ", -1).length - 1, "the TIFF is not shown: " + bad);
        assertTrue(html.contains("1 file the browser cannot show (not PNG, JPEG, GIF, BMP or WebP)."), html);
        String good = html.substring(html.indexOf("<div class=\"thumbnail-folder\" data-folder=\"good\">"));
        assertEquals(3, good.substring(0, good.indexOf("</section>")).split("<img ", -1).length - 1, good);
        assertTrue(html.contains("alt=\"3.jpg\""), html);
    }

}
