package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every producer of download links (IoTools.getUri and Job.getUrl, Dataset.getSampleUri, the platform's
 * pages and its artifacts API) gives one link for one key, Python's {@code quote(key, safe="")}, and the
 * local platform's {@code /download} serves the file from it.
 */
class DownloadLinksTest {
    @TempDir
    static Path dir;

    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Path ds = Files.createDirectories(dir.resolve("upload/ds"));
        Files.writeString(ds.resolve("a b*~(1).bmp"), "first");
        Files.writeString(ds.resolve("æø 日+%.bmp"), "second");
        dataset = api.createDataset("links", "", "", List.of());
        api.uploadFolder(dataset, dir.resolve("upload"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a b*~(1).bmp | first | ds%2Fa%20b%2A~%281%29.bmp",
            "æø 日+%.bmp | second | ds%2F%C3%A6%C3%B8%20%E6%97%A5%2B%25.bmp"})
    void everyProducerGivesTheSameLinkAndItDownloadsTheFile(String name, String content, String quotedTail) throws Exception {
        String key = dataset.id() + "/ds/" + name;
        String path = dataset.bucket() + "/ds/" + name;
        String quoted = dataset.id() + "%2F" + quotedTail;
        String link = platform.url() + "/download?path=" + quoted;

        assertEquals(quoted, IoTools.getUri(path));
        assertEquals(link, dataset.getSampleUri(path));
        assertEquals("/download?path=" + quoted, Html.download(key));
        String page = get(platform.url() + "/data/" + dataset.id()).body();
        assertTrue(page.contains("href=\"/download?path=" + quoted + "\""), "the dataset page's link");
        assertArrayEquals(content.getBytes(StandardCharsets.UTF_8), download(link));

        Model model = api.createModel("links", List.of(dataset.id()), Map.of(), List.of());
        try (Job<GenericSettings> job = Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(platform.url())
                .args().environment(Map.of()).uploadOutputOnInit(false).init()) {
            String artifact = "ds/" + name;
            job.io().writeFile(job.artifactPath(artifact), content);
            String jobLink = job.getUrl("artifacts", artifact);
            assertEquals(platform.url() + "/download?path=" + model.id() + "%2Fartifacts%2F" + quotedTail, jobLink);
            // the artifacts API lists one folder at a time (Python's get_artifacts): the file is under prefix ds/
            List<Object> listed = Json.parseList(get(platform.url() + "/api/models/" + model.id() + "/artifacts?prefix=ds%2F").body());
            assertEquals(List.of(jobLink), listed.stream().map(e -> ((Map<?, ?>) e).get("link")).toList(), "the artifacts API's link");
            assertArrayEquals(content.getBytes(StandardCharsets.UTF_8), download(jobLink));
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(authorized(url), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] download(String link) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(authorized(link), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), link);
        return response.body();
    }

    /** The user's request: pages, the web API and downloads need the platform's access token. */
    private static HttpRequest authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + platform.accessToken().reveal()).build();
    }
}
