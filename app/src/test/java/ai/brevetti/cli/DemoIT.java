package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README command 1: {@code bin/brevettiai demo} trains, exports, completes and tests a classifier, end to end. */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void demoTrainsAClassifierAndTestsItOnHeldOutVials() throws Exception {
        Path root = dir.resolve("platform");
        LauncherIT.Result r = LauncherIT.launch(Map.of("BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString()), 300,
                "demo", "--root", root.toString(), "--port", "0");
        assertEquals(0, r.code(), r.out() + r.err());

        assertTrue(number(r.out(), "devel accuracy ([0-9.]+)") >= 0.9, r.out());
        assertTrue(number(r.out(), "test accuracy ([0-9.]+) on 60 samples") >= 0.9, r.out());

        Path s3 = root.resolve("s3/data.criterion.ai");
        String modelId = id(r.out(), "model page: +http://[^/]+/models/(\\S+)");
        String reportId = id(r.out(), "test report: http://[^/]+/models/(\\S+)");

        Path model = s3.resolve(modelId).resolve("artifacts");
        Map<String, Object> output = Json.parseObject(Files.readString(model.resolve("output.json")));
        assertTrue(((Number) ((Map<?, ?>) output.get("output")).get("devel_accuracy")).doubleValue() >= 0.9, output.toString());
        try (Stream<Path> files = Files.list(model)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("saved_model\\.\\d+\\.tar\\.gz")), "model archive");
        }
        assertTrue(Files.isRegularFile(model.resolve("sample_identification.csv")));

        Path report = s3.resolve(reportId).resolve("artifacts");
        List<String> predictions = Files.readAllLines(report.resolve("predictions.csv"));
        assertEquals(61, predictions.size(), "a header and one row per held-out sample");
        assertTrue(Files.isDirectory(report.resolve("pivot")) && Files.isDirectory(report.resolve("facets")));

        Map<String, Object> reportRecord = Json.parseObject(Files.readString(root.resolve("platform/models/" + reportId + ".json")));
        assertEquals(modelId, reportRecord.get("parentId"));
        assertFalse(String.valueOf(reportRecord.get("completed")).isBlank() || reportRecord.get("completed") == null);
        assertFalse(r.out().contains(reportRecord.get("apiKey").toString()), "no API key in the demo's output");

        // the report's page counts its confusion matrix from that predictions.csv and links the misclassified samples' images
        try (ai.brevetti.localplatform.LocalPlatform platform = ai.brevetti.localplatform.LocalPlatform.start(
                ai.brevetti.localplatform.LocalPlatform.Config.ephemeral(root))) {
            String page = get(platform, "/reports/" + reportId).body();
            List<String> header = List.of(predictions.get(0).split(","));
            long wrong = predictions.stream().skip(1).map(line -> line.split(","))
                    .filter(row -> !row[header.indexOf("category")].equals(row[header.indexOf("prediction")])).count();
            assertTrue(page.contains("<p id=\"confusion-summary\" class=\"note\">60 samples, " + wrong + " misclassified"), page);
            Matcher image = Pattern.compile("<img loading=\"lazy\" src=\"(/download\\?path=[^\"]+)\"").matcher(page);
            if (wrong > 0) {
                assertTrue(image.find(), page);
                java.net.http.HttpResponse<String> thumbnail = get(platform, image.group(1));
                assertEquals(200, thumbnail.statusCode(), image.group(1));
                assertTrue(thumbnail.headers().firstValue("Content-Type").orElse("").startsWith("image/"), thumbnail.headers().toString());
            }
        }
    }

    private static java.net.http.HttpResponse<String> get(ai.brevetti.localplatform.LocalPlatform platform, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.url() + path))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static double number(String text, String regex) {
        return Double.parseDouble(id(text, regex));
    }

    private static String id(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "'" + regex + "' in\n" + text);
        return m.group(1);
    }
}
