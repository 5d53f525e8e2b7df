package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The notebook's progress line (its updates are checked through a real kernel in KernelProtocolIT). */
class NotebookProgressTest {

    @Test
    void showsCountsSpeedAndTimeLeftAsTextAndHtml() {
        NotebookProgress.Line d = NotebookProgress.render("MD5", 250, 1000, 2.0, false);
        assertEquals("MD5 [=====               ] 250/1,000 (25%), 125.0/s, 0:02 elapsed, 0:06 left", d.text());
        String html = d.html();
        assertTrue(html.contains("<progress value=\"250\" max=\"1000\""), html);
        NotebookProgress.Line done = NotebookProgress.render("a<b", 1000, 1000, 61, true);
        assertTrue(done.text().endsWith("1,000/1,000 (100%), 16.4/s, done in 1:01"));
        assertTrue(done.html().contains("a&lt;b"));
        assertEquals("files [                    ] 7, 3.5/s, 0:02 elapsed", NotebookProgress.render("files", 7, 0, 2, false).text());
        NotebookProgress.Line loss = NotebookProgress.render("Epoch 1/3", 5, 10, 1, false, "loss 0.6931 <");
        assertTrue(loss.text().endsWith("0:01 elapsed, 0:01 left, loss 0.6931 <"), loss.text());
        assertTrue(loss.html().endsWith("0:01 left, loss 0.6931 &lt;</div>"), loss.html());
    }

    @Test
    void outsideANotebookAndOffATerminalNothingShows() throws Exception {
        try (Progress p = Progress.start("task", 10_000)) {
            p.stepBy(5_000);
            p.step();
        }
    }
}
