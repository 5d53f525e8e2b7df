package ai.brevetti.interfaces.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Vega-Lite value type (the bundled Vega builds: VegaBundleTest). */
class VegaLiteTest {
    static final String LINE = """
            {"title": "loss", "mark": "line",
             "data": {"values": [{"x": 1, "y": 0.9}, {"x": 2, "y": 0.4}]},
             "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}
            """;

    @Test
    void holdsTheSpecAsCompactJsonAndNamesItByTitleOrMark() {
        VegaLite chart = VegaLite.of(LINE);
        assertTrue(chart.spec().startsWith("{\"title\":\"loss\",\"mark\":\"line\""), chart.spec());
        assertEquals("VegaLite[loss]", chart.toString());
        assertEquals("VegaLite[bar]", VegaLite.of("{\"mark\": {\"type\": \"bar\"}}").toString());
        assertEquals("VegaLite[point]", VegaLite.of("{\"title\": {\"text\": \"\"}, \"mark\": \"point\"}").toString());
        assertEquals("VegaLite[layer]", VegaLite.of("{\"layer\": []}").toString());
        assertEquals("VegaLite[chart]", VegaLite.of("{}").toString());
        assertEquals("VegaLite[a]", VegaLite.of(Map.of("title", List.of("a", "b"))).toString());
        assertEquals(VegaLite.of(LINE), VegaLite.of(VegaLite.of(LINE).toMap()));
    }

    @Test
    void rejectsWhatIsNoJsonObject() {
        assertThrows(IllegalArgumentException.class, () -> VegaLite.of("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> VegaLite.of("{\"mark\": "));
        assertThrows(IllegalArgumentException.class, () -> VegaLite.of(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VegaLite.of("not json"));
        assertTrue(e.getMessage().contains("not json"), e.getMessage());
    }
}
