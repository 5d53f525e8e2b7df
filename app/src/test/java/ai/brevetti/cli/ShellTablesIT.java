package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples in the shell: {@code samples.head(5)} shows its five rows, file names whole, in the terminal's
 * width (JShell cuts a value longer than 1,000 characters in the middle: rows 2–3 were lost that way).
 */
class ShellTablesIT {
    @Test
    void aHeadOfFiveShowsEveryRowWithItsFileNameInTheTerminalsWidth(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("a_rather_long_folder_name_for_datasets/neurips_vials_train");
        for (String folder : List.of("good", "missing_cap")) {
            Files.createDirectories(root.resolve(folder));
            for (int i = 0; i < 4; i++) {
                ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png",
                        root.resolve(folder).resolve("vial_image_number_" + folder + "_" + i + ".png").toFile());
            }
        }
        ShellIT.Result r = ShellIT.shell(Map.of("COLUMNS", "100", "BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString()),
                "var samples = Dataset.of(\"vials\", \"" + root + "\").samples();\nsamples.head(5)\n");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.matches("\\d  .*")).toList();
        assertEquals(5, rows.size(), "five rows:\n" + r.out());
        for (int i = 0; i < 5; i++) {
            String row = rows.get(i);
            assertTrue(row.startsWith(i + "  ") && row.matches(".*/vial_image_number_\\w+_\\d\\.png.*"), "row " + i + " with its file name: " + row);
            assertTrue(row.length() <= 100, "in the terminal's width: " + row);
        }
        assertTrue(r.out().contains("more columns: "), "the columns left out are named:\n" + r.out());
    }
}
