package ai.brevetti.localplatform;

import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.settings.GenericSettings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Hand-written job outputs in the formats of spec §7 (resources under {@code page/}): output.json, the
 * pivot files, facets.json with a generated JPEG atlas, two Vega-Lite charts.
 */
final class PageFixtures {
    /** The facets samples' categories, in the order of facets.json. */
    static final String[] FACET_CATEGORIES = {"good", "good", "missing_cap", "broken", "good"};
    /** The tiles' colours in the atlas, one per sample. */
    static final Color[] TILE_COLORS = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA};

    private PageFixtures() {}

    static String resource(String name) {
        try (InputStream in = PageFixtures.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource page/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sprite atlas of {@code n} 64×64 tiles of {@link #TILE_COLORS} in a square grid of ceil(sqrt(n)) columns, row by row. */
    static byte[] atlas(int n) {
        int columns = (int) Math.ceil(Math.sqrt(n));
        BufferedImage image = new BufferedImage(columns * 64, columns * 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < n; i++) {
            g.setColor(TILE_COLORS[i % TILE_COLORS.length]);
            g.fillRect(i % columns * 64, i / columns * 64, 64, 64);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("No JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A test report's predictions.csv (as {@code Predictions.writeCsv} writes it: sample columns, prob_ per
     * class, prediction) over images under {@code location} (a dataset's {@code s3://bucket/folder}):
     * good 1, 2 (2 as missing_cap), missing_cap 3 (as good), 4, broken 5 (as missing_cap), 6 (as missing_cap),
     * and a sample whose class looks like markup, with a path that needs CSV quoting, predicted good.
     */
    static String predictionsCsv(String location) {
        String[][] rows = {
                {"good", "good/1.png", "0.9", "0.05", "0.05", "good"},
                {"good", "good/2.png", "0.2", "0.7", "0.1", "missing_cap"},
                {"missing_cap", "missing_cap/3.png", "0.6", "0.3", "0.1", "good"},
                {"missing_cap", "missing_cap/4.png", "0.1", "0.8", "0.1", "missing_cap"},
                {"broken", "broken/5.png", "0.1", "0.5", "0.4", "missing_cap"},
                {"broken", "broken/6.png", "0.1", "0.6", "0.3", "missing_cap"},
                {"<b>odd</b>", "odd/a \"quoted\", name.png", "0.5", "0.3", "0.2", "good"}};
        StringBuilder out = new StringBuilder("category,folder,path,prob_good,prob_missing_cap,prob_broken,prediction\n");
        for (String[] r : rows) {
            String path = location + "/" + r[1];
            out.append(csv(r[0])).append(',').append(csv(r[1].substring(0, r[1].indexOf('/')))).append(',').append(csv(path)).append(',')
                    .append(r[2]).append(',').append(r[3]).append(',').append(r[4]).append(',').append(r[5]).append('\n');
        }
        return out.toString();
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** The model's job, started by id and key against the platform. */
    static Job<GenericSettings> job(LocalPlatform platform, Model model) {
        return Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(platform.url()).args()
                .environment(Map.of()).init();
    }

    /** Writes output.json, the pivot files and the facets files into the job's artifacts, over S3. */
    static void writeArtifacts(Job<?> job) {
        job.io().writeFile(job.artifactPath("output.json"), resource("output.json"));
        job.io().writeFile(job.artifactPath("pivot", "summary_fields.json"), resource("summary_fields.json"));
        job.io().writeFile(job.artifactPath("pivot", "classification_summary.json"), resource("classification_summary.json"));
        job.io().writeFile(job.artifactPath("facets", "facets.json"), resource("facets.json"));
        job.io().writeFile(job.artifactPath("facets", "spriteatlas.jpeg"), atlas(FACET_CATEGORIES.length));
    }
}
