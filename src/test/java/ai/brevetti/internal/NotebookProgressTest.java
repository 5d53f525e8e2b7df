package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** The notebook's progress line (its updates are checked through a real kernel in KernelNotebookIT). */
class NotebookProgressTest {

    @Test
    void showsCountsSpeedAndTimeLeftAsTextAndHtml() {
        DisplayData d = NotebookProgress.render("MD5", 250, 1000, 2.0, false);
        assertEquals("MD5 [=====               ] 250/1,000 (25%), 125.0/s, 0:02 elapsed, 0:06 left", d.getData(MIMEType.TEXT_PLAIN));
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<progress value=\"250\" max=\"1000\""), html);
        DisplayData done = NotebookProgress.render("a<b", 1000, 1000, 61, true);
        assertTrue(done.getData(MIMEType.TEXT_PLAIN).toString().endsWith("1,000/1,000 (100%), 16.4/s, done in 1:01"));
        assertTrue(((String) done.getData(MIMEType.TEXT_HTML)).contains("a&lt;b"));
        assertEquals("files [                    ] 7, 3.5/s, 0:02 elapsed", NotebookProgress.render("files", 7, 0, 2, false).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void outsideANotebookAndOffATerminalNothingShows() throws Exception {
        try (Progress p = Progress.start("task", 10_000)) {
            p.stepBy(5_000);
            p.step();
        }
    }
}
