package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.demo.DemoData;
import ai.brevetti.interfaces.facets.Facets;
import ai.brevetti.interfaces.pivot.PivotTables;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model page reads what the SDK writes: a pivot table and facets exported by a job, not hand-written fixtures. */
class SdkOutputsOnPageTest {

    @TempDir
    Path dir;

    @Test
    void pivotAndFacetsWrittenByTheSdkShowOnTheModelPage() throws Exception {
        Path images = DemoData.builder().items(2).views(1).size(48).write(Files.createDirectories(dir.resolve("vials")));
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")))) {
            Model model = platform.api().createModel("sdk outputs", List.of(), Map.of(), List.of());
            try (Job<GenericSettings> job = PageFixtures.job(platform, model)) {
                // read and written through the job's storage, as job.datasets() samples are
                Samples samples = Dataset.of("vials", images.toString(), job.io()).getImageSamples().sortBy("path");
                Samples predicted = samples.withColumn("prediction", samples.column("folder"));
                PivotTables.exportPivotTable(job.artifactDir("pivot"), predicted, null, null, null,
                        List.of("category"), List.of("prediction"), Map.of());
                Facets.buildFacets(new DataGenerator(samples).seed(1).outputStructure("img", "category")
                        .map(new ImagePipeline().targetSize(64, 64)), job.artifactDir("facets"), 6);
            }
            String html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + "/models/" + model.id()))
                    .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            String pivot = section(html, "pivot");
            assertTrue(pivot.contains("<table"), pivot);
            assertTrue(pivot.contains("<td class=\"total\">6</td></tr>\n</tfoot>"), "6 samples in all\n" + pivot);
            for (String c : DemoData.CLASSES) {
                assertTrue(pivot.contains(">" + c + "<"), c + " in\n" + pivot);
            }
            String facets = section(html, "facets");
            assertEquals(6, Pattern.compile("<figure class=\"facet\"").matcher(facets).results().count(), facets);
            assertTrue(facets.contains("spriteatlas.jpeg"), "the thumbnails come from the SDK's atlas\n" + facets);
            assertTrue(facets.contains("failed_cap (2), good (2), missing_cap (2)"), facets);
        }
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(start >= 0, "no section " + id);
        return html.substring(start, html.indexOf("</section>", start));
    }
}
