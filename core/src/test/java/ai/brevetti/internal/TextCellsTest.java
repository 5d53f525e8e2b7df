package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Long cells shortened in the middle, so a path keeps its file name. */
class TextCellsTest {
    @Test
    void aLongPathKeepsItsStartAndItsFileName() {
        String path = "/tmp/junit1234567890/some/deep/folder/structure/vials/missing_cap/image_0042.bmp";
        String s = TextCells.shorten(path, 50);
        assertEquals(50, s.length(), s);
        assertTrue(s.endsWith("/image_0042.bmp") && s.startsWith("/tmp/junit") && s.contains("..."), s);
        assertEquals("short/1.bmp", TextCells.shorten("short/1.bmp", 50), "short cells stay");
        assertEquals(null, TextCells.shorten(null, 5));
    }

    @Test
    void aFileNameLongerThanTheRoomKeepsItsEndAndNoPathKeepsBothHalves() {
        String s = TextCells.shorten("/d/" + "x".repeat(80) + ".bmp", 20);
        assertEquals(20, s.length(), s);
        assertTrue(s.startsWith("/...") && s.endsWith("xx.bmp"), s);
        String text = TextCells.shorten("a".repeat(30) + "b".repeat(30), 21);
        assertEquals("a".repeat(9) + "..." + "b".repeat(9), text);
        assertEquals("cdef", TextCells.shorten("abcdef", 4));
    }

    @Test
    void theTerminalWidthComesFromTheShellsProperty() {
        String old = System.getProperty(TextCells.COLUMNS_PROPERTY);
        try {
            System.setProperty(TextCells.COLUMNS_PROPERTY, "97");
            assertEquals(97, TextCells.terminalColumns());
            System.setProperty(TextCells.COLUMNS_PROPERTY, "10");
            assertEquals(40, TextCells.terminalColumns(), "never narrower than 40");
        } finally {
            if (old == null) {
                System.clearProperty(TextCells.COLUMNS_PROPERTY);
            } else {
                System.setProperty(TextCells.COLUMNS_PROPERTY, old);
            }
        }
    }
}
