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
