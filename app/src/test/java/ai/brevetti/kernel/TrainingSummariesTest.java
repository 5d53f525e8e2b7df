package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.training.History;
import ai.brevetti.training.Predictions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** The training module's summaries (a history, predictions) as the kernel shows them: HTML tables, aligned text beside. */
class TrainingSummariesTest {
    private final Renderer renderer = renderer();

    static Renderer renderer() {
        Renderer r = new Renderer();
        KernelRenderers.register(r, new VegaHtml(false));
        return r;
    }

    static History history() {
        return History.of(List.of(
                new History.Epoch(0, Map.of("loss", 0.9, "accuracy", 0.5), 1.25, 0.03),
                new History.Epoch(1, Map.of("loss", 0.4, "accuracy", 0.875, "val_loss", 0.5), 1.5, 0.01)));
    }

    @Test
    void aHistoryIsATableOfEpochsAndMetrics() {
        DisplayData d = renderer.render(history());
        String html = String.valueOf(d.getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<th>epoch</th>") && html.contains("<th>val_loss</th>") && html.contains("<th>seconds</th><th>data_wait</th>"), html);
        assertTrue(html.contains("<tr><th>1</th><td>1</td>"), html);
        String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(text.startsWith("History[2 epochs]\nepoch"), text);
        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), text);
        assertTrue(lines.get(1).matches("epoch\\s+.*val_loss\\s+seconds\\s+data_wait"), text);
        assertTrue(lines.get(2).matches("\\s*0\\s+.*1\\.25\\s+0\\.03") && !lines.get(2).contains("0.5  0.5"), "epoch 0 has no val_loss: " + text);
        assertTrue(lines.get(3).matches("\\s*1\\s+.*0\\.5\\s+1\\.5\\s+0\\.01"), text);
    }

    @Test
    void predictionsAreATableWithTheirAccuracyInTheTitle() {
        Predictions p = Predictions.fromJson(("{\"classes\": [\"bad\", \"good\"], \"columns\": [\"category\", \"path\"],"
                + " \"rows\": [[\"good\", \"/d/good/1.bmp\"], [\"bad\", \"/d/bad/2.bmp\"]],"
                + " \"probabilities\": [[0.25, 0.75], [0.4, 0.6]]}").getBytes(StandardCharsets.UTF_8));
        DisplayData d = renderer.render(p);
        String html = String.valueOf(d.getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<th>prob_bad</th><th>prob_good</th><th>prediction</th>") && html.contains("<td>/d/bad/2.bmp</td><td>0.4</td>"), html);
        String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(text.startsWith("Predictions[2 rows, classes [bad, good], accuracy 0.5]\n"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("1\\s+bad\\s+/d/bad/2.bmp\\s+0.4\\s+0.6\\s+good")), text);
    }
}
