package ai.brevetti.data.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.io.IoTools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's annotation JSON: what is read, what is kept, what is left out and what is refused, each naming the file. */
class AnnotationParserTest {
    @TempDir
    Path dir;

    /** As the platform writes it (Python's ImageAnnotation.dict()): uuid, color, severity, visibility, features; extra top-level fields. */
    static final String PLATFORM = """
            {"annotations": [
               {"type": "polygon", "label": "cap", "color": "hsla(0, 100%, 50%, 0.5)", "uuid": "2f1c4c1e-7c55-4cde-9f59-0ad5f3d3a1b2",
                "visibility": -1, "severity": 2, "features": {"area": 12.5},
                "points": [{"x": 10.5, "y": 20}, {"x": 30, "y": 20}, {"x": 20, "y": 40.25}]},
               {"type": "rectangle", "label": "defect", "points": [[5, 5], [15, 25]], "ground_truth": null, "is_hole": false},
               {"type": "polygon", "label": "cap", "points": [[12, 22], [14, 22], [13, 24]], "is_hole": true,
                "parent": "2f1c4c1e-7c55-4cde-9f59-0ad5f3d3a1b2"},
               {"type": "line", "label": "scratch", "points": [{"x": 0, "y": 0}, {"x": 9, "y": 9}, {"x": 12, "y": 3}]},
               {"type": "point", "label": "dot", "points": [{"x": 4, "y": 4}]},
               {"type": "class", "label": "failed_cap", "color": "red"}],
             "image": {"height": 480, "width": 640, "file_name": "1_0.bmp"},
             "source": {"type": "manual"},
             "metrics": {"iou": 0.5},
             "version": 3}
            """;

    @Test
    void readsThePlatformsFormatAndKeepsEveryUnknownField() {
        AnnotationParser.Parsed parsed = AnnotationParser.parse("a.json", PLATFORM);
        assertEquals(List.of(), parsed.skipped());
        ImageAnnotation a = parsed.annotation();
        assertEquals(6, a.annotations().size());
        assertEquals(5, a.shapes().size());
        assertEquals(List.of("failed_cap"), a.classLabels());
        PointsAnnotation cap = a.shapes().get(0);
        assertEquals(ShapeType.POLYGON, cap.shape());
        assertEquals("polygon", cap.type());
        assertEquals(List.of(new Point(10.5, 20), new Point(30, 20), new Point(20, 40.25)), cap.points());
        assertEquals(2, cap.extras().get("severity"));
        assertEquals(Map.of("area", 12.5), cap.extras().get("features"));
        assertEquals("hsla(0, 100%, 50%, 0.5)", cap.extras().get("color"));
        assertEquals(List.of(new Point(5, 5), new Point(15, 25)), a.shapes().get(1).points(), "[x, y] pairs");
        assertTrue(a.shapes().get(2).isHole());
        assertEquals("2f1c4c1e-7c55-4cde-9f59-0ad5f3d3a1b2", a.shapes().get(2).extras().get("parent"));
        assertEquals(ShapeType.LINE, a.shapes().get(3).shape());
        assertEquals(ShapeType.POINT, a.shapes().get(4).shape());
        assertEquals("red", a.annotations().get(5).extras().get("color"));
        assertEquals(480, a.imageSize().orElseThrow()[0]);
        assertEquals(640, a.imageSize().orElseThrow()[1]);
        assertEquals("1_0.bmp", a.image().get("file_name"));
        assertEquals(Map.of("type", "manual"), a.source());
        assertEquals(Map.of("metrics", Map.of("iou", 0.5), "version", 3), a.extras());
    }

    @Test
    void shapesThatCannotBeDrawnAreLeftOutNamingTheFileTheShapeAndWhy() {
        AnnotationParser.Parsed parsed = AnnotationParser.parse("bad.json", """
                {"annotations": [
                   {"type": "polygon", "label": "cap", "points": [[0, 0], [5, 0]]},
                   {"type": "polygon", "label": "cap", "points": [[0, 0], ["5", 0], [5, 5]]},
                   {"type": "rectangle", "label": "cap", "points": [[1, 1]]},
                   {"type": "line", "label": "cap", "points": {"x": 1, "y": 2}},
                   {"type": "ellipse", "label": "cap", "points": [[1, 1], [4, 4]]},
                   {"label": "cap", "points": [[1, 1]]},
                   {"type": "point", "points": [[1, 1]]},
                   {"type": "point", "label": 7, "points": [[1, 1]]},
                   "polygon",
                   {"type": "polygon", "label": "ok", "points": [[0, 0], [5, 0], [5, 5]]}]}
                """);
        assertEquals(1, parsed.annotation().shapes().size(), "the one good shape is kept");
        List<String> s = parsed.skipped();
        assertEquals(9, s.size(), String.join("\n", s));
        assertEquals("'bad.json': shape 0 (polygon, label 'cap'): a polygon needs at least 3 points, it has 2; left out", s.get(0));
        assertEquals("'bad.json': shape 1 (polygon, label 'cap'): point 1 is [\"5\",0], not {\"x\": number, \"y\": number} or [x, y]; left out", s.get(1));
        assertTrue(s.get(2).contains("shape 2 (rectangle, label 'cap'): a rectangle needs at least 2 points, it has 1"), s.get(2));
        assertTrue(s.get(3).contains("shape 3 (line, label 'cap'): \"points\" is an object, not a list of points"), s.get(3));
        assertTrue(s.get(4).contains("shape 4 (ellipse, label 'cap'): type 'ellipse' is not one we draw"), s.get(4));
        assertTrue(s.get(5).contains("shape 5 (label 'cap'): it has no \"type\" text"), s.get(5));
        assertTrue(s.get(6).contains("shape 6 (point): it has no \"label\" text"), s.get(6));
        assertTrue(s.get(7).contains("shape 7 (point): it has no \"label\" text"), s.get(7));
        assertTrue(s.get(8).contains("shape 8: it is the text \"polygon\", not a JSON object"), s.get(8));
    }

    @Test
    void filesThatCannotBeUsedAreErrorsNamingThem() {
        AnnotationException notJson = assertThrows(AnnotationException.class, () -> AnnotationParser.parse("x.json", "{\"annotations\": [}"));
        assertTrue(notJson.getMessage().startsWith("Annotation file 'x.json' is not valid JSON (line 1, column"), notJson.getMessage());
        AnnotationException list = assertThrows(AnnotationException.class, () -> AnnotationParser.parse("y.json", "[1, 2]"));
        assertEquals("Annotation file 'y.json' holds a list, not a JSON object with an \"annotations\" list", list.getMessage());
        AnnotationException notList = assertThrows(AnnotationException.class, () -> AnnotationParser.parse("z.json", "{\"annotations\": {}}"));
        assertEquals("Annotation file 'z.json': \"annotations\" is an object, not a list of shapes", notList.getMessage());
        AnnotationException empty = assertThrows(AnnotationException.class, () -> AnnotationParser.parse("e.json", ""));
        assertTrue(empty.getMessage().startsWith("Annotation file 'e.json' "), empty.getMessage());
        String missing = dir.resolve("missing.json").toString();
        AnnotationException gone = assertThrows(AnnotationException.class, () -> AnnotationParser.read(new IoTools(), missing));
        assertTrue(gone.getMessage().startsWith("Cannot read annotation file '" + missing + "'"), gone.getMessage());
        // no annotations list at all: an empty file of annotations (as the SDK's get_annotations)
        assertEquals(List.of(), AnnotationParser.parse("n.json", "{\"image\": {}}").annotation().annotations());
        // a byte order mark is not an error
        assertEquals(1, AnnotationParser.parse("bom.json", "\uFEFF{\"annotations\": [{\"type\": \"class\", \"label\": \"good\"}]}")
                .annotation().classLabels().size());
    }
}
