package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks on the local platform's web API and pages, one test each (docs/security.md), over real
 * HTTP on loopback: what a caller without the user's access token, a web page of another site (directly,
 * by DNS rebinding or from another port of localhost) or a job with its API key can do. Raw requests
 * only (OkHttp sets any {@code Host}, {@code Origin} and {@code Sec-Fetch-*}), so nothing of the
 * platform's own client helps the attacker or the test.
 */
class WebAccessTest {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build();
    static final String EVIL = "http://evil.example";

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static String url;
    static int port;
    static String token;
    static String datasetId;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        url = platform.url();
        port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        token = tokenOf(platform.root());
        Answer dataset = send("POST", "/api/data", "{\"name\": \"vials\"}", "application/json", bearer());
        assertEquals(201, dataset.code, dataset.body);
        datasetId = (String) dataset.json().get("id");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    // ---- the attacks

    /** Every call of the user's web API, without the token or with something else than it: 401, nothing done, nothing echoed. */
    @Test
    void theWebApiRefusesEveryCallWithoutTheUsersToken() throws Exception {
        Job job = newJob("target");
        String id = job.id;
        int models = list("/api/models").size();
        int datasets = list("/api/data").size();
        int tags = list("/api/resources/tags").size();
        String[][] calls = {
            {"GET", "/api/models"}, {"GET", "/api/models/" + id}, {"POST", "/api/models"}, {"DELETE", "/api/models/" + id},
            {"POST", "/api/models/" + id + "/start"}, {"POST", "/api/models/" + id + "/createtestreport"},
            {"GET", "/api/models/" + id + "/artifacts"}, {"GET", "/api/reports"}, {"GET", "/api/reports/" + id},
            {"GET", "/api/data"}, {"POST", "/api/data"}, {"GET", "/api/data/" + datasetId},
            {"GET", "/api/data/" + datasetId + "/securitycredentials"}, {"GET", "/api/resources/tags"},
            {"POST", "/api/resources/tags"}, {"GET", "/api/status"},
        };
        String wrong = "wrong-" + token.substring(6);
        List<String[]> credentials = List.of(new String[0], new String[] {"Authorization", "Bearer " + wrong},
                new String[] {"Authorization", "Bearer " + job.key}, new String[] {"Authorization", "Bearer " + token.substring(0, 42)},
                new String[] {"Authorization", "Bearer " + token + "x"}, new String[] {"Authorization", "Basic " + token},
                new String[] {"Authorization", token}, new String[] {"X-Token", token});
        List<String> failures = new ArrayList<>();
        for (String[] call : calls) {
            String body = call[0].equals("POST") ? "{\"name\": \"intruder\"}" : null;
            for (String[] credential : credentials) {
                for (String query : new String[] {"", "?token=" + token, "?key=" + job.key}) {
                    if (!query.isEmpty() && credential.length > 0) {
                        continue;
                    }
                    Answer a = send(call[0], call[1] + query, body, body == null ? null : "application/json", credential);
                    String what = call[0] + " " + call[1] + query.replace(token, "TOKEN").replace(job.key, "KEY")
                            + (credential.length == 0 ? "" : " with " + credential[0]);
                    if (a.code != 401) {
                        failures.add(what + " → " + a.code);
                    } else if (!a.body.contains("\"error\"") || a.body.contains(wrong) || a.body.contains(token)) {
                        failures.add(what + ": the 401 is not a JSON error, or echoes the token: " + a.body);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " calls were not refused:\n" + String.join("\n", failures));
        assertEquals(models, list("/api/models").size(), "no model was created or deleted");
        assertEquals(datasets, list("/api/data").size(), "no dataset was created");
        assertEquals(tags, list("/api/resources/tags").size(), "no tag was created");
        assertNull(send("GET", "/api/models/" + id, null, null, bearer()).json().get("started"), "the model was not started");
    }

    /** {@code GET /api/models} and every other answer and page show no API key: only the answer creating a job has it. */
    @Test
    void noAnswerShowsAnApiKeyButTheOneCreatingIt() throws Exception {
        Job model = newJob("keyed");
        assertEquals(204, send("POST", "/api/models/" + model.id + "/complete?key=" + model.key + "&modelPath=artifacts/model.tar.gz", null, null).code);
        Answer created = send("POST", "/api/models/" + model.id + "/createtestreport", "{}", "application/json", bearer());
        assertEquals(201, created.code, created.body);
        Job report = new Job((String) created.json().get("id"), (String) created.json().get("apiKey"));
        assertTrue(report.key != null && report.key.length() >= 32, "the answer creating the report has its key");
        Job started = newJob("started");
        String[] reads = {"/api/models", "/api/models/" + model.id, "/api/reports", "/api/reports/" + report.id,
            "/api/models/" + model.id + "/artifacts", "/api/status", "/", "/models/" + model.id, "/reports/" + report.id,
            "/models/" + model.id + "/artifacts", "/api/models/" + model.id + "/remotemonitor/points", "/data/" + datasetId,
            "/api/data", "/api/data/" + datasetId, "/download?path=" + model.id + "/info.json",
            "/download?path=" + report.id + "/info.json"};
        List<String> leaks = new ArrayList<>();
        for (String path : reads) {
            Answer a = send("GET", path, null, null, bearer());
            assertEquals(200, a.code, path + ": " + a.body);
            for (Job j : List.of(model, report, started)) {
                if (a.body.contains(j.key)) {
                    leaks.add(path + " shows the key of " + j.id);
                }
            }
            if (a.body.contains("apiKey")) {
                leaks.add(path + " has an apiKey field");
            }
        }
        Answer restart = send("POST", "/api/models/" + started.id + "/start", null, null, bearer());
        assertEquals(200, restart.code, restart.body);
        if (restart.body.contains(started.key) || restart.body.contains("apiKey")) {
            leaks.add("POST /start shows the key");
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    /** A job's info.json (the platform writes its key into it, for the job) downloads with the key masked, however the path is spelled. */
    @Test
    void aJobsInfoJsonDownloadsWithItsKeyMasked() throws Exception {
        Job job = newJob("info");
        assertEquals(401, send("GET", "/download?path=" + job.id + "/info.json", null, null).code, "a download needs the user");
        Answer info = send("GET", "/download?path=" + job.id + "/info.json", null, null, bearer());
        assertEquals(200, info.code, info.body);
        Map<String, Object> json = info.json();
        assertEquals(job.id, json.get("id"), "the rest of info.json is there");
        assertEquals("****", json.get("api_key"));
        assertEquals("/api/models/" + job.id + "/charts?key=****", json.get("charts_url"));
        assertFalse(info.body.contains(job.key), info.body);
        for (String path : new String[] {job.id + "//info.json", job.id + "/./info.json", "./" + job.id + "/info.json",
                "/" + job.id + "/info.json", job.id + "/artifacts/../info.json", job.id + "%2Finfo.json", job.id + "/info.json/",
                job.id + "\\info.json", job.id.toUpperCase() + "/info.json"}) {
            Answer a = send("GET", "/download?path=" + path, null, null, bearer());
            assertFalse(a.body.contains(job.key), path + " → " + a.code + " shows the key");
        }
        // the job itself still reads its key over S3, with its own credentials: the platform's file is unchanged
        String stored = Files.readString(platform.root().resolve("s3/data.criterion.ai/" + job.id + "/info.json"));
        assertTrue(stored.contains(job.key), "the job's own info.json keeps its key");
    }

    /** {@code /api/data/<id>/securitycredentials} (write access to a dataset) is the user's only: not anonymous, not a job's, not the page cookie's. */
    @Test
    void datasetWriteCredentialsAreTheUsersOnly() throws Exception {
        Job job = newJob("reader", datasetId);
        String path = "/api/data/" + datasetId + "/securitycredentials";
        String cookie = login();
        List<Answer> refused = List.of(send("GET", path, null, null), send("GET", path + "?key=" + job.key, null, null),
                send("GET", path, null, null, "Authorization", "Bearer " + job.key), send("GET", path, null, null, "Cookie", cookie));
        for (Answer a : refused) {
            assertEquals(401, a.code, a.body);
            assertFalse(a.body.contains("AccessKeyId"), a.body);
        }
        Answer user = send("GET", path, null, null, bearer());
        assertEquals(200, user.code, user.body);
        assertTrue(user.body.contains("<AccessKeyId>"), user.body);
        // what a job gets for the same dataset is its own read-only credentials, through its key
        assertEquals(200, send("GET", "/api/models/" + job.id + "/securitycredentials?key=" + job.key + "&datasetId=" + datasetId,
                null, null).code);
    }

    /** {@code DELETE /api/models/<id>} needs the user: the anonymous, a page of another site and the job's own key cannot delete. */
    @Test
    void deletingAModelNeedsTheUsersToken() throws Exception {
        Job job = newJob("kept");
        String path = "/api/models/" + job.id;
        assertEquals(401, send("DELETE", path, null, null).code);
        assertEquals(401, send("DELETE", path + "?key=" + job.key, null, null).code);
        assertEquals(403, send("DELETE", path, null, null, "Origin", EVIL, "Authorization", "Bearer " + token).code);
        assertEquals(401, send("DELETE", path, null, null, "Cookie", login()).code);
        assertEquals(200, send("GET", path, null, null, bearer()).code, "the model is still there");
        assertEquals(200, send("GET", path + "/securitycredentials?key=" + job.key, null, null).code, "and its job still runs");
        assertEquals(204, send("DELETE", path, null, null, bearer()).code, "the user deletes it");
        assertEquals(404, send("GET", path, null, null, bearer()).code);
    }

    /** A request naming another host (a page of another site reaching 127.0.0.1 by DNS rebinding) is refused on every route. */
    @Test
    void aForeignHostIsRefusedOnEveryRoute() throws Exception {
        Job job = newJob("rebound");
        String[] hosts = {"evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port, "localhost.evil.example:" + port,
            "127.0.0.1:" + (port + 1), "127.0.0.1", "127.0.0.2:" + port, "0.0.0.0:" + port, "[::2]:" + port,
            // malformed: the HTTP server itself answers 400 before any route
            "localhost:" + port + "x", "127.0.0.1:" + port + "@evil.example"};
        String[][] calls = {{"GET", "/"}, {"GET", "/api/models"}, {"GET", "/models/" + job.id}, {"GET", "/static/platform.css"},
            {"GET", "/download?path=" + job.id + "/info.json"}, {"GET", "/api/models/" + job.id + "/securitycredentials?key=" + job.key},
            {"POST", "/api/models/" + job.id + "/complete?key=" + job.key}, {"POST", "/api/models"}, {"GET", "/nowhere"}};
        List<String> failures = new ArrayList<>();
        for (String host : hosts) {
            for (String[] call : calls) {
                String body = call[1].equals("/api/models") && call[0].equals("POST") ? "{\"name\": \"rebound\"}" : null;
                Answer a = send(call[0], call[1], body, body == null ? null : "application/json", "Host", host,
                        "Authorization", "Bearer " + token);
                boolean malformed = host.endsWith("x") || host.contains("@");
                if (a.code != 421 && !(malformed && a.code == 400)) {
                    failures.add("Host " + host + ": " + call[0] + " " + call[1].replace(job.key, "KEY") + " → " + a.code);
                }
                if (a.body.contains(token) || a.body.contains(job.key)) {
                    failures.add("Host " + host + ": the answer shows a secret");
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " requests with a foreign Host were served:\n" + String.join("\n", failures));
        assertNull(send("GET", "/api/models/" + job.id, null, null, bearer()).json().get("completed"), "the job was not completed");
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port}) {
            assertEquals(200, send("GET", "/api/models", null, null, "Host", host, "Authorization", "Bearer " + token).code, host);
        }
    }

    /** A page of another site posting a "simple" (text/plain or form) request, with or without the login cookie, creates nothing. */
    @Test
    void aCrossSitePostChangesNothing() throws Exception {
        Job job = newJob("posted");
        String cookie = login();
        String body = "{\"name\": \"csrf\"}";
        List<Answer> attempts = new ArrayList<>();
        attempts.add(send("POST", "/api/models", body, "text/plain", "Origin", EVIL, "Sec-Fetch-Site", "cross-site"));
        attempts.add(send("POST", "/api/models", body, "text/plain", "Origin", EVIL, "Cookie", cookie));
        attempts.add(send("POST", "/api/models", body, "text/plain", "Origin", "http://127.0.0.1:" + (port + 7),
                "Sec-Fetch-Site", "same-site", "Cookie", cookie));
        attempts.add(send("POST", "/api/models", body, "text/plain", "Origin", "null", "Cookie", cookie));
        attempts.add(send("POST", "/api/models", body, "text/plain", "Cookie", cookie));
        attempts.add(send("POST", "/api/models", "name=csrf", "application/x-www-form-urlencoded", "Origin", EVIL));
        attempts.add(send("POST", "/api/models", body, "text/plain"));
        attempts.add(send("POST", "/api/data", body, "text/plain", "Origin", EVIL));
        attempts.add(send("POST", "/api/resources/tags", body, "text/plain", "Origin", EVIL));
        // with the user's own token but not as JSON: a JSON endpoint takes JSON only
        attempts.add(send("POST", "/api/models", body, "text/plain", bearer()));
        attempts.add(send("POST", "/api/models", "name=csrf", "application/x-www-form-urlencoded", bearer()));
        // a job's endpoints, with the job's key in a link a page of another site posts to
        attempts.add(send("POST", "/api/models/" + job.id + "/complete?key=" + job.key, "", "text/plain", "Origin", EVIL));
        attempts.add(send("POST", "/api/models/" + job.id + "/remotemonitor?key=" + job.key, "data={\"loss\": 1}",
                "application/x-www-form-urlencoded", "Origin", EVIL, "Sec-Fetch-Site", "cross-site"));
        attempts.add(send("POST", "/api/models/" + job.id + "/charts?key=" + job.key + "&name=evil", "{\"mark\": \"bar\"}",
                "text/plain", "Sec-Fetch-Site", "cross-site"));
        List<String> served = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).code < 400) {
                served.add("attempt " + i + " → " + attempts.get(i).code);
            }
        }
        assertTrue(served.isEmpty(), String.join("\n", served));
        assertTrue(list("/api/models").stream().noneMatch(m -> "csrf".equals(m.get("name"))), "no model was created");
        assertTrue(list("/api/data").stream().noneMatch(m -> "csrf".equals(m.get("name"))), "no dataset was created");
        Map<String, Object> after = send("GET", "/api/models/" + job.id, null, null, bearer()).json();
        assertNull(after.get("completed"), "the job was not completed");
        Map<String, Object> points = send("GET", "/api/models/" + job.id + "/remotemonitor/points", null, null, bearer()).json();
        assertEquals(0, ((Number) points.get("total")).intValue(), "no progress was posted");
        assertEquals(0, ((Number) points.get("charts")).intValue(), "no chart was posted");
        // the same calls from the platform's own origin, or from no page at all, work
        assertEquals(204, send("POST", "/api/models/" + job.id + "/remotemonitor?key=" + job.key, "data={\"loss\": 1}",
                "application/x-www-form-urlencoded", "Origin", url, "Sec-Fetch-Site", "same-origin").code);
        assertEquals(201, send("POST", "/api/models", "{\"name\": \"mine\"}", "application/json; charset=utf-8", bearer()).code);
    }

    /** The login link sets an HttpOnly, SameSite=Strict session cookie (not the token itself) and redirects to the URL without the token. */
    @Test
    void theLoginLinkSetsAStrictHttpOnlyCookieAndDropsTheToken() throws Exception {
        Answer wrong = send("GET", "/?token=" + token.substring(1), null, null);
        assertEquals(401, wrong.code, wrong.body);
        assertNull(wrong.headers.get("Set-Cookie"), "no cookie for a wrong token");
        assertFalse(wrong.body.contains(token.substring(1)), "the page does not echo the token");

        Job job = newJob("linked");
        Answer login = send("GET", "/models/" + job.id + "?from=3&token=" + token + "&x=y", null, null);
        assertEquals(303, login.code, login.body);
        assertEquals("/models/" + job.id + "?from=3&x=y", login.headers.get("Location"));
        String setCookie = login.headers.get("Set-Cookie");
        assertTrue(setCookie != null && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/"), String.valueOf(setCookie));
        assertFalse(setCookie.contains(token), "the cookie is not the token");
        assertEquals("no-store", login.headers.get("Cache-Control"));
        assertEquals(200, send("GET", "/models/" + job.id, null, null, "Cookie", setCookie.substring(0, setCookie.indexOf(';'))).code);
        // the login link logs in to pages only: it is no way to call the web API
        assertEquals(401, send("GET", "/api/models?token=" + token, null, null).code);
    }

    /** The session cookie opens pages, static files, downloads and the progress JSON, for GET, from this origin or a followed link only. */
    @Test
    void theSessionCookieOpensOnlyPagesAndOnlyForThisOrigin() throws Exception {
        Job job = newJob("browsed");
        String cookie = login();
        String[] pages = {"/", "/models/" + job.id, "/models/" + job.id + "/artifacts", "/data/" + datasetId,
            "/static/platform.css", "/download?path=" + job.id + "/info.json", "/api/models/" + job.id + "/remotemonitor/points"};
        for (String page : pages) {
            assertEquals(401, send("GET", page, null, null).code, "without the cookie: " + page);
            assertEquals(401, send("GET", page, null, null, "Cookie", cookie.replaceAll("=.*", "=forged")).code, "forged: " + page);
            assertEquals(200, send("GET", page, null, null, "Cookie", cookie).code, "with the cookie: " + page);
            assertEquals(200, send("GET", page, null, null, "Cookie", cookie, "Sec-Fetch-Site", "same-origin",
                    "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty").code, "from the platform's own page: " + page);
            // a page on another port of localhost is the same site: the browser sends the cookie
            assertEquals(403, send("GET", page, null, null, "Cookie", cookie, "Sec-Fetch-Site", "same-site",
                    "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty").code, "fetch from another origin: " + page);
            assertEquals(403, send("GET", page, null, null, "Cookie", cookie, "Sec-Fetch-Site", "same-site",
                    "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "script").code, "script tag of another origin: " + page);
            assertEquals(403, send("GET", page, null, null, "Cookie", cookie, "Sec-Fetch-Site", "same-site",
                    "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "iframe").code, "frame of another origin: " + page);
        }
        // a link followed from a notebook on another port opens the page
        assertEquals(200, send("GET", "/models/" + job.id, null, null, "Cookie", cookie, "Sec-Fetch-Site", "same-site",
                "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document").code);
        for (String[] call : new String[][] {{"GET", "/api/models"}, {"GET", "/api/models/" + job.id}, {"GET", "/api/status"},
                {"POST", "/api/models"}, {"DELETE", "/api/models/" + job.id}}) {
            String body = call[0].equals("POST") ? "{\"name\": \"cookie\"}" : null;
            assertEquals(401, send(call[0], call[1], body, body == null ? null : "application/json", "Cookie", cookie,
                    "Sec-Fetch-Site", "same-origin").code, "the cookie is not the web API's credential: " + call[1]);
        }
    }

    /** A job's API key opens its own job endpoints and nothing of the user's web API. */
    @Test
    void aJobsKeyOpensOnlyItsOwnJobEndpoints() throws Exception {
        Job job = newJob("job");
        Job other = newJob("other");
        assertEquals(200, send("GET", "/api/models/" + job.id + "/securitycredentials?key=" + job.key, null, null).code);
        assertEquals(204, send("POST", "/api/models/" + job.id + "/charts?key=" + job.key + "&name=c", "{\"mark\": \"bar\"}",
                "application/json").code);
        for (String path : new String[] {"/api/models/" + job.id, "/api/models", "/api/models/" + job.id + "/artifacts",
                "/api/data/" + datasetId, "/models/" + job.id, "/download?path=" + job.id + "/info.json"}) {
            assertEquals(401, send("GET", path + (path.contains("?") ? "&" : "?") + "key=" + job.key, null, null).code, path);
            assertEquals(401, send("GET", path, null, null, "Authorization", "Bearer " + job.key).code, path);
        }
        assertEquals(401, send("POST", "/api/models/" + other.id + "/complete?key=" + job.key, null, null).code);
        assertNull(send("GET", "/api/models/" + other.id, null, null, bearer()).json().get("completed"));
    }

    /** The access token: 256 random bits in a user-only file of the root, the same after a restart, another for another root. */
    @Test
    void theTokenIsRandomUserOnlyAndKeptAcrossStarts(@TempDir Path other) throws Exception {
        Path file = platform.root().resolve("access_token");
        assertTrue(Files.isRegularFile(file), "the token is kept in <root>/access_token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(token.matches("[A-Za-z0-9_-]{43,}"), "at least 256 bits, base64url");

        Path root = other.resolve("root");
        String first;
        try (LocalPlatform a = LocalPlatform.start(LocalPlatform.Config.ephemeral(root))) {
            first = tokenOf(a.root());
            assertNotEquals(token, first, "another root, another token");
            Answer refused = sendTo(a.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + token);
            assertEquals(401, refused.code, "one platform's token opens no other platform");
        }
        Files.setPosixFilePermissions(root.resolve("access_token"), PosixFilePermissions.fromString("rw-r--r--"));
        try (LocalPlatform again = LocalPlatform.start(LocalPlatform.Config.ephemeral(root))) {
            assertEquals(first, tokenOf(again.root()), "a restart keeps the token (the login link and the CLI keep working)");
            assertEquals(200, sendTo(again.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + first).code);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("access_token"))),
                    "a token file others could read is made user-only again");
        }
        Files.writeString(root.resolve("access_token"), "short\n");
        IOException damaged = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> LocalPlatform.start(LocalPlatform.Config.ephemeral(root)).close());
        assertTrue(damaged.getMessage().contains("Delete it"), damaged.getMessage());
        assertFalse(damaged.getMessage().contains("short"), "the message does not quote the file");
    }

    /** No answer lets a page of another origin read it (no CORS), and a preflight is granted nothing. */
    @Test
    void noOtherOriginMayReadAnAnswer() throws Exception {
        Answer preflight = send("OPTIONS", "/api/models", null, null, "Origin", EVIL, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        assertNull(preflight.headers.get("Access-Control-Allow-Origin"), preflight.headers.toString());
        assertNull(preflight.headers.get("Access-Control-Allow-Headers"), preflight.headers.toString());
        Answer read = send("GET", "/api/models", null, null, "Origin", EVIL, "Authorization", "Bearer " + token);
        assertNull(read.headers.get("Access-Control-Allow-Origin"), read.headers.toString());
        assertNull(read.headers.get("Access-Control-Allow-Credentials"), read.headers.toString());
    }

    // ---- helpers

    record Job(String id, String key) {
    }

    record Answer(int code, String body, Headers headers) {
        Map<String, Object> json() {
            try {
                return Json.parseObject(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + code + "): " + body, e);
            }
        }
    }

    static String tokenOf(Path root) throws IOException {
        Path file = root.resolve("access_token");
        return Files.isRegularFile(file) ? Files.readString(file).strip() : "no-token-file-0000000000000000000000000000000";
    }

    static String[] bearer() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** A new model (the user's call): its id and the API key of the answer creating it. */
    static Job newJob(String name, String... datasetIds) throws IOException {
        String ids = String.join(",", java.util.Arrays.stream(datasetIds).map(d -> "\"" + d + "\"").toList());
        Answer a = send("POST", "/api/models", "{\"name\": \"" + name + "\", \"datasetIds\": [" + ids + "]}", "application/json", bearer());
        assertEquals(201, a.code, a.body);
        return new Job((String) a.json().get("id"), (String) a.json().get("apiKey"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(String path) throws IOException {
        Answer a = send("GET", path, null, null, bearer());
        assertEquals(200, a.code, a.body);
        return (List<Map<String, Object>>) (List<?>) Json.parseList(a.body);
    }

    /**
     * Logs in with the link and returns the session cookie ({@code name=value}); a made-up one when the
     * link sets none (what the login does is {@link #theLoginLinkSetsAStrictHttpOnlyCookieAndDropsTheToken}'s).
     */
    static String login() throws IOException {
        String setCookie = send("GET", "/?token=" + token, null, null).headers.get("Set-Cookie");
        return setCookie == null ? "brevettiai-session-" + port + "=none" : setCookie.substring(0, setCookie.indexOf(';'));
    }

    static Answer send(String method, String path, String body, String type, String... headers) throws IOException {
        return sendTo(url, method, path, body, type, headers);
    }

    static Answer sendTo(String base, String method, String path, String body, String type, String... headers) throws IOException {
        Request.Builder b = new Request.Builder().url(base + path);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        RequestBody content = body == null ? (method.equals("GET") || method.equals("OPTIONS") || method.equals("DELETE") ? null
                : RequestBody.create(new byte[0], null))
                : RequestBody.create(body.getBytes(StandardCharsets.UTF_8), type == null ? null : MediaType.get(type));
        b.method(method, content);
        try (Response r = HTTP.newCall(b.build()).execute()) {
            return new Answer(r.code(), r.body() == null ? "" : r.body().string(), r.headers());
        }
    }
}
