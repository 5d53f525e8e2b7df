package ai.brevetti.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.settings.SchemaTest.Training;
import ai.brevetti.testing.SeedSettings.SerializeableObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Command-line overrides of settings (Python's parse_settings_args). */
class SettingsArgsTest {
    private final Schema seed = Settings.getSchema(SerializeableObject.class);
    private final Schema training = Settings.getSchema(Training.class);

    @Test
    void seedArgumentsOverrideNestedAndJsonSettings() {
        Map<String, Object> overrides = seed.parseArgs(List.of("--param_3", "{\"test_dict_serialization\": \"nested2\"}",
                "--custom.custom_param", "5"));
        assertEquals(Map.of("param_3", Map.of("test_dict_serialization", "nested2"), "custom", Map.of("custom_param", 5)),
                overrides);
        Map<String, Object> fromInfo = Map.of("param_3", Map.of("test_dict_serialization", "from info"), "param_2", "kept");
        SerializeableObject s = Settings.fromSettings(SerializeableObject.class, Schema.merge(fromInfo, overrides));
        assertEquals("{\"param_1\":-1.0,\"param_2\":\"kept\",\"param_3\":{\"test_dict_serialization\":\"nested2\"},\"custom\":{\"custom_param\":5}}",
                s.toJson());
    }

    @Test
    void unknownArgumentsAreIgnoredAndTheLastValueWins() {
        Map<String, Object> overrides = training.parseArgs(List.of("--job_dir", "/x", "--HistoryManager.hist_file=:memory:",
                "positional", "--epochs", "3", "-v", "--epochs=4", "--learning_rate", "-0.5"));
        assertEquals(Map.of("epochs", 4, "learning_rate", -0.5), overrides);
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        for (String yes : List.of("yes", "true", "T", "y", "1")) {
            assertEquals(true, training.parseArgs(List.of("--use_augmentation", yes)).get("use_augmentation"), yes);
        }
        for (String no : List.of("no", "FALSE", "f", "n", "0")) {
            assertEquals(false, training.parseArgs(List.of("--use_augmentation", no)).get("use_augmentation"), no);
        }
        SettingsException e = assertThrows(SettingsException.class,
                () -> training.parseArgs(List.of("--use_augmentation", "maybe")));
        assertEquals("--use_augmentation: expected a boolean (yes/true/1 or no/false/0) but got 'maybe'", e.getMessage());
    }

    @Test
    void malformedValuesNameTheFlag() {
        SettingsException json = assertThrows(SettingsException.class,
                () -> seed.parseArgs(List.of("--param_3", "{\"test_dict_serialization\": nested2}")));
        assertTrue(json.getMessage().startsWith("--param_3: expected JSON but got '{\"test_dict_serialization\": nested2}'"),
                json.getMessage());
        SettingsException number = assertThrows(SettingsException.class,
                () -> seed.parseArgs(List.of("--custom.custom_param", "five")));
        assertEquals("--custom.custom_param: expected a number but got 'five'", number.getMessage());
        SettingsException missing = assertThrows(SettingsException.class,
                () -> seed.parseArgs(List.of("--custom.custom_param")));
        assertEquals("Settings argument: option '--custom.custom_param' needs a value", missing.getMessage());
    }

    @Test
    void numberTextBecomesIntOrFloat() {
        assertEquals(Map.of("param_1", 7), seed.parseArgs(List.of("--param_1", "7")));
        assertEquals(Map.of("param_1", 7.0), seed.parseArgs(List.of("--param_1", "7.0")));
        assertEquals(Map.of("param_1", 1e-3), seed.parseArgs(List.of("--param_1=1e-3")));
    }
}
