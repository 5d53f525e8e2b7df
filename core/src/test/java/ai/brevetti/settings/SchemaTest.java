package ai.brevetti.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.SeedSettings.SerializeableObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema generation in the platform's vue-form-generator format, and apply_schema_to_model. */
class SchemaTest {

    enum Loss { CROSSENTROPY, FOCAL }

    enum Augmentation { FLIP, ROTATE, BLUR }

    public record Training(@Setting(min = 1, max = 500, help = "Passes over the data") int epochs,
                           @Setting(required = true) String modelName,
                           boolean useAugmentation,
                           Loss loss,
                           List<Augmentation> augmentations,
                           @Setting(advanced = true, step = 0.001) double learningRate,
                           Map<String, String> classMapping) implements Settings {
        public Training() {
            this(10, "", true, Loss.CROSSENTROPY, List.of(Augmentation.FLIP), 0.01, Map.of());
        }

        @Override
        public void customizeSchema(SchemaBuilder schema) {
            schema.addPreset("quick", "epochs", 2).addPreset("quick", "use_augmentation", false);
        }
    }

    @Test
    void seedSettingsGenerateTheFormFields() {
        Schema schema = Settings.getSchema(SerializeableObject.class);
        List<Map<String, Object>> fields = schema.fields().stream().map(SchemaField::toMap).toList();
        assertEquals(5, fields.size());
        assertEquals(Map.of("type", "input", "inputType", "number", "label", "Param 1", "model", "param_1",
                "default", -1.0, "required", false, "step", 0.1, "visible", true), fields.get(0));
        assertEquals(Map.of("type", "input", "inputType", "text", "label", "Param 2", "model", "param_2",
                "default", "Param2 not provided", "required", false, "isJson", false, "visible", true), fields.get(1));
        Map<String, Object> textArea = fields.get(2);
        assertEquals("textArea", textArea.get("type"));
        assertEquals(true, textArea.get("isJson"));
        assertEquals("{\n  \"nested_param\": true\n}", textArea.get("default"));
        assertEquals(4, textArea.get("rows"));
        assertEquals(5000, textArea.get("max"));
        assertEquals(Map.of("type", "label", "label", "Custom", "tag", "custom"), fields.get(3));
        assertEquals("custom.custom_param", fields.get(4).get("model"));
        assertEquals("Custom Param", fields.get(4).get("label"));
        assertEquals(1, fields.get(4).get("step"));
    }

    @Test
    void annotationsEnumsPresetsAndAdvancedFields() {
        Schema schema = Settings.getSchema(Training.class);
        SchemaField epochs = schema.field("epochs").orElseThrow();
        assertEquals(1.0, epochs.attribute("min").orElseThrow());
        assertEquals(500.0, epochs.attribute("max").orElseThrow());
        assertEquals("Passes over the data", epochs.attribute("help").orElseThrow());
        assertTrue(schema.field("model_name").orElseThrow().required());
        assertEquals("checkbox", schema.field("use_augmentation").orElseThrow().type());
        SchemaField loss = schema.field("loss").orElseThrow();
        assertEquals("select", loss.type());
        assertEquals(List.of("CROSSENTROPY", "FOCAL"), loss.attribute("values").orElseThrow());
        assertEquals("checklist", schema.field("augmentations").orElseThrow().type());
        SchemaField lr = schema.field("learning_rate").orElseThrow();
        assertEquals(false, lr.attribute("visible").orElseThrow());
        assertEquals(0.001, lr.attribute("step").orElseThrow());
        assertEquals(Map.of("quick", Map.of("epochs", 2, "use_augmentation", false)), schema.presets());
    }

    @Test
    void schemaJsonRoundTrips() {
        Schema schema = Settings.getSchema(Training.class);
        Schema read = Schema.fromJson(schema.toJson());
        assertEquals(schema, read);
        assertTrue(schema.toJson().startsWith("{\n  \"fields\": [\n    {\n"), schema.toJson());
    }

    @Test
    void applySchemaFillsDefaultsAndCoerces() {
        Schema schema = Settings.getSchema(Training.class);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model_name", "m");
        settings.put("epochs", "12");
        settings.put("learning_rate", "0.5");
        settings.put("use_augmentation", "no");
        settings.put("class_mapping", "{\"A\": \"Tilted\"}");
        settings.put("augmentations", "[\"BLUR\"]");
        Map<String, Object> applied = schema.applyTo(settings);
        assertEquals(12, applied.get("epochs"));
        assertEquals(0.5, applied.get("learning_rate"));
        assertEquals(false, applied.get("use_augmentation"));
        assertEquals(Map.of("A", "Tilted"), applied.get("class_mapping"));
        assertEquals("CROSSENTROPY", applied.get("loss"));
        Training t = Settings.fromSettings(Training.class, settings);
        assertEquals(new Training(12, "m", false, Loss.CROSSENTROPY, List.of(Augmentation.BLUR), 0.5, Map.of("A", "Tilted")), t);
        assertEquals("12", settings.get("epochs"), "the input map is not changed");
    }

    @Test
    void applySchemaReportsMissingRequiredAndBadValues() {
        Schema schema = Settings.getSchema(Training.class);
        SettingsException missing = assertThrows(SettingsException.class, () -> schema.applyTo(Map.of()));
        assertTrue(missing.getMessage().startsWith("Missing settings: [model_name]"), missing.getMessage());
        assertEquals("", schema.applyTo(Map.of(), false).get("model_name"));

        SettingsException bad = assertThrows(SettingsException.class,
                () -> schema.applyTo(Map.of("model_name", "m", "epochs", "many")));
        assertEquals("Setting 'epochs': expected a number but got 'many'", bad.getMessage());

        SettingsException json = assertThrows(SettingsException.class,
                () -> schema.applyTo(Map.of("model_name", "m", "class_mapping", "{oops")));
        assertTrue(json.getMessage().startsWith("Setting 'class_mapping': expected JSON but got '{oops'"), json.getMessage());

        SettingsException shape = assertThrows(SettingsException.class,
                () -> Settings.getSchema(SerializeableObject.class).applyTo(Map.of("custom", 5)));
        assertEquals("Setting 'custom' must be an object holding 'custom_param' but got number 5", shape.getMessage());
    }

    @Test
    void emptyJsonTextIsNull() {
        Schema schema = Settings.getSchema(SerializeableObject.class);
        assertNull(schema.applyTo(Map.of("param_3", "")).get("param_3"));
    }

    @Test
    void schemaFilesWithGroupsAreRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings-schema.json");
        Files.writeString(file, """
                {"groups": [{"fields": [
                  {"type": "input", "inputType": "number", "label": "Input width", "model": "input_width", "default": 224, "required": true},
                  {"type": "input", "inputType": "text", "label": "Classes as json list", "model": "classes", "default": "[]", "isJson": true},
                  {"type": "checkbox", "label": "Flip", "model": "data_augmentation.flip", "default": false}
                ]}], "presets": {}}
                """);
        Schema schema = Schema.read(file);
        assertEquals(3, schema.valueFields().size());
        Map<String, Object> applied = schema.applyTo(Map.of("input_width", "128"));
        assertEquals(128, applied.get("input_width"));
        assertEquals(List.of(), applied.get("classes"));
        assertEquals(Map.of("flip", false), applied.get("data_augmentation"));
        GenericSettings generic = Settings.fromConfig(GenericSettings.class, applied);
        assertEquals(false, generic.get("data_augmentation.flip").orElseThrow());

        Files.writeString(file, "{\"fields\": [{\"label\": \"no type\"}]}");
        SettingsException e = assertThrows(SettingsException.class, () -> Schema.read(file));
        assertTrue(e.getMessage().contains("has no \"type\""), e.getMessage());
    }

    @Test
    void builderNamespacesAndStandardFields() {
        Schema schema = new SchemaBuilder()
                .addField(SchemaField.classes())
                .addField(SchemaField.classMapping())
                .addField(SchemaField.numberInput("Rotation", "rotation_angle", 5, false, 0, 90, 1))
                .addPreset("none", "rotation_angle", 0)
                .build("data_augmentation");
        assertEquals(List.of("data_augmentation.classes", "data_augmentation.class_mapping", "data_augmentation.rotation_angle"),
                schema.valueFields().stream().map(f -> f.model().orElseThrow()).toList());
        assertEquals("classes", schema.fields().get(0).attribute("criterionType").orElseThrow());
        assertEquals("[]", schema.fields().get(0).defaultValue());
        assertEquals(Map.of("none", Map.of("data_augmentation", Map.of("rotation_angle", 0))), schema.presets());
        assertFalse(Json.write(schema).isEmpty());
    }
}
