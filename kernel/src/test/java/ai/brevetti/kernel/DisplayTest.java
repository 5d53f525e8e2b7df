package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import ai.brevetti.interfaces.charts.VegaLite;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** display() outside a notebook (a terminal, a script): text, or files for pictures; never an exception. */
class DisplayTest {

    @Test
    void textValuesPrintTheirText() throws Exception {
        Captured<Void> c = Captured.run(() -> {
            Display.display("hello");
            Display.display(java.util.List.of(1, 2));
            Display.display(null);
            Display.updatable("step 1").update("step 2");
            return null;
        });
        assertEquals("hello\n[1, 2]\nnull\nstep 1\nstep 2\n", c.out);
        assertFalse(Display.inKernel());
    }

    @Test
    void picturesAndChartsAreWrittenToFilesWhosePathIsPrinted() throws Exception {
        Captured<Void> c = Captured.run(() -> {
            Display.display(new FloatImage(4, 5, 3, new float[4 * 5 * 3]));
            Display.display(VegaLite.of("{\"mark\": \"bar\"}"));
            return null;
        });
        String[] lines = c.out.split("\n");
        assertEquals(2, lines.length, c.out);
        Path png = Path.of(lines[0]);
        Path html = Path.of(lines[1]);
        try {
            assertTrue(png.toString().endsWith(".png"), c.out);
            assertEquals(5, ImageIO.read(png.toFile()).getWidth());
            assertTrue(html.toString().endsWith(".html"), c.out);
            assertTrue(Files.readString(html).contains("vegaEmbed"));
        } finally {
            Files.deleteIfExists(png);
            Files.deleteIfExists(html);
        }
    }

    @Test
    void aValueThatCannotBeShownIsReportedNotThrown() throws Exception {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        Captured<Void> c = Captured.run(() -> {
            Display.display(broken);
            return null;
        });
        assertEquals("", c.out);
        assertTrue(c.err.startsWith("display: cannot show") && c.err.contains("no text"), c.err);
    }
}
