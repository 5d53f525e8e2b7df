package ai.brevetti.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Captured;
import ai.brevetti.testing.SeedSettings.SerializeableObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documentation's Settings example and the rules of get_config / from_config. */
class SettingsTest {

    enum Optimizer { ADAM, SGD }

    public record Typed(int epochs, double learningRate, boolean augment, Optimizer optimizer, List<String> classes)
            implements Settings {
        public Typed() {
            this(10, 0.001, true, Optimizer.ADAM, List.of("good", "bad"));
        }
    }

    /** A plain class with fields works as well as a record. */
    public static class Mutable implements Settings {
        int batchSize = 32;
        String name = "default";
    }

    static final String SEED_CONFIG = "{\"param_1\":1,\"param_2\":\"Test\",\"param_3\":{\"test_dict_serialization\":\"nested\"},\"custom\":{\"custom_param\":0}}";

    @Test
    void seedExamplePrintsTheSameConfigBeforeAndAfterDeserialisation() {
        var myObject = new SerializeableObject(1, "Test", Map.of("test_dict_serialization", "nested"), null);
        Map<String, Object> config = myObject.getConfig();
        assertEquals(SEED_CONFIG, myObject.toJson());
        SerializeableObject copy = Settings.fromConfig(SerializeableObject.class, config);
        assertEquals(SEED_CONFIG, copy.toJson());
        assertEquals(myObject, copy);
        assertEquals(List.of("param_1", "param_2", "param_3", "custom"), List.copyOf(config.keySet()));
    }

    @Test
    void missingKeysKeepDefaults() {
        SerializeableObject s = Settings.fromConfig(SerializeableObject.class, Map.of("param_2", "x"));
        assertEquals(-1.0, s.param1());
        assertEquals("x", s.param2());
        assertEquals(0, s.custom().customParam());
        assertEquals("{\"param_1\":-1.0,\"param_2\":\"Param2 not provided\",\"param_3\":{\"nested_param\":true},\"custom\":{\"custom_param\":0}}",
                Settings.defaults(SerializeableObject.class).toJson());
    }

    @Test
    void unknownKeysAreDroppedWithAWarningNamingThem() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("some_setting_i_need", 1);
        config.put("zz_other", 2);
        config.put("custom", Map.of("custom_param", 4, "nope", 1));
        Captured<SerializeableObject> run = Captured.run(() -> Settings.fromConfig(SerializeableObject.class, config));
        assertTrue(run.err.contains("WARN ai.brevetti.settings.Settings - Invalid config keys: some_setting_i_need, zz_other"), run.err);
        assertTrue(run.err.contains("Invalid config keys: custom.nope"), run.err);
        assertEquals(4, run.value.custom().customParam());
    }

    @Test
    void wrongTypeNamesKeyExpectedTypeAndValue() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.fromConfig(Typed.class, Map.of("epochs", "ten")));
        assertEquals("Setting 'epochs' expects an integer (int) but got text \"ten\"", e.getMessage());

        e = assertThrows(SettingsException.class, () -> Settings.fromConfig(Typed.class, Map.of("epochs", 2.5)));
        assertEquals("Setting 'epochs' expects an integer (int) but got number 2.5", e.getMessage());

        e = assertThrows(SettingsException.class, () -> Settings.fromConfig(SerializeableObject.class,
                Map.of("custom", Map.of("custom_param", List.of(1)))));
        assertEquals("Setting 'custom.custom_param' expects an integer (int) but got list [1]", e.getMessage());

        e = assertThrows(SettingsException.class, () -> Settings.fromConfig(Typed.class, Map.of("optimizer", "rmsprop")));
        assertTrue(e.getMessage().startsWith("Setting 'optimizer' expects one of [ADAM, SGD] but got text \"rmsprop\""), e.getMessage());

        e = assertThrows(SettingsException.class, () -> Settings.fromConfig(Typed.class, Map.of("classes", "good")));
        assertTrue(e.getMessage().contains("'classes' expects a JSON list"), e.getMessage());
    }

    @Test
    void typedValuesConvertAndRoundTrip() {
        Typed t = Settings.fromConfig(Typed.class, Map.of("epochs", 3, "learning_rate", 1, "optimizer", "sgd",
                "classes", List.of("a")));
        assertEquals(new Typed(3, 1.0, true, Optimizer.SGD, List.of("a")), t);
        assertEquals(Map.of("epochs", 3, "learning_rate", 1.0, "augment", true, "optimizer", "SGD", "classes", List.of("a")),
                t.getConfig());
        assertEquals(t, t.copy());
    }

    @Test
    void classesWithFieldsWork() {
        Mutable m = Settings.fromConfig(Mutable.class, Map.of("batch_size", 8));
        assertEquals(8, m.batchSize);
        assertEquals("default", m.name);
        assertEquals(Map.of("batch_size", 8, "name", "default"), m.getConfig());
    }

    @Test
    void genericSettingsKeepEverything() {
        GenericSettings g = Settings.fromConfig(GenericSettings.class, Map.of("a", Map.of("b", 2)));
        assertEquals(2, g.get("a.b").orElseThrow());
        assertFalse(g.get("a.c").isPresent());
        assertEquals(Map.of("a", Map.of("b", 2)), g.getConfig());
    }

    @Test
    void snakeCaseKeys() {
        assertEquals("custom_param", SettingsType.snakeCase("customParam"));
        assertEquals("param1", SettingsType.snakeCase("param1"));
        assertEquals("url_path", SettingsType.snakeCase("URLPath"));
        assertEquals("already_snake", SettingsType.snakeCase("already_snake"));
        assertEquals("Custom Param", SettingsType.titleCase("custom_param"));
        assertEquals("Param 1", SettingsType.titleCase("param_1"));
    }

    @Test
    void settingsViewWritesJsonFieldsAsText() {
        var s = new SerializeableObject(1, "Test", Map.of("b", 1, "a", 2), null);
        Map<String, Object> view = s.getSettings();
        assertEquals("{\n  \"a\": 2,\n  \"b\": 1\n}", view.get("param_3"));
        assertEquals(s, Settings.fromSettings(SerializeableObject.class, view));
    }

    @Test
    void badSettingsTypesAreRefusedClearly() {
        class NoDefaultConstructor implements Settings {
            NoDefaultConstructor(int x) {
            }
        }
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.defaults(NoDefaultConstructor.class));
        assertTrue(e.getMessage().contains("needs a constructor without arguments"), e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e);
    }
}
