package ai.brevetti.vega;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Vega builds packaged with the classes. */
class VegaBundleTest {

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
