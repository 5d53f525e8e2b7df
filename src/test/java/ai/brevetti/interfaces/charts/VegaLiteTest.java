package ai.brevetti.interfaces.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Vega-Lite value type and the bundled Vega builds. */
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

    @Test
    void theBundleHasTheThreeBuildsTheirVersionsAndLicences() {
        for (String file : VegaBundle.FILES) {
            String js = new String(VegaBundle.bytes(file), StandardCharsets.UTF_8);
            assertTrue(js.length() > 50_000, file + " is a full build");
            // nothing in the builds may end an inline <script> element early
            assertFalse(js.toLowerCase(java.util.Locale.ROOT).contains("</script"), file);
            assertFalse(js.contains("<!--"), file);
        }
        assertTrue(VegaBundle.bytes("vega-lite.LICENSE.txt").length > 100);
        assertEquals("5", VegaBundle.versions().getProperty("vega").split("\\.")[0]);
        assertEquals("5", VegaBundle.versions().getProperty("vega-lite").split("\\.")[0]);
        assertEquals("6", VegaBundle.versions().getProperty("vega-embed").split("\\.")[0]);
        String inline = VegaBundle.inlineScript();
        assertTrue(inline.startsWith("(function (define, module, exports) {"), "AMD loaders are hidden from the UMD builds");
        assertTrue(inline.indexOf("vegaEmbed") > inline.indexOf("vegaLite"), "loaded in order");
        assertThrows(IllegalArgumentException.class, () -> VegaBundle.open("../startup.jsh"));
        assertEquals("a<\\/script>b<\\/SCRIPT", VegaBundle.escapeForScript("a</script>b</SCRIPT"));
    }
}
