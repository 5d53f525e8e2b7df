package ai.brevetti.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.TextTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's untyped settings print as a table of dotted paths and values, not as one long map. */
class GenericSettingsTextTest {
    @Test
    void settingsPrintAsATableOfPaths() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("custom_param", 3);
        custom.put("name", "vials");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("epochs", 20);
        values.put("custom", custom);
        values.put("classes", List.of("good", "bad"));
        assertEquals("""
                GenericSettings[4 settings]
                setting              value
                epochs               20
                custom.custom_param  3
                custom.name          vials
                classes              [good, bad]
                """, new GenericSettings(values).toString());
    }

    @Test
    void manySettingsStayUnderJShellsCut() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            values.put("setting_" + i, "value " + i);
        }
        String text = new GenericSettings(values).toString();
        assertTrue(text.length() < TextTable.MAX_CHARS, text);
        assertTrue(text.matches("(?s).*\\.\\.\\. \\d+ more rows \\(of 200\\)\\n"), text);
    }
}
