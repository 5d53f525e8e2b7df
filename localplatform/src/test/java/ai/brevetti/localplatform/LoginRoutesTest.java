package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.localplatform.WebAccessTest.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local platform's login routes and login sessions, over real HTTP with raw requests (docs/security.md):
 * no default password, the password kept as a slow salted hash, the login open but behind the Host and
 * origin rules and slowed down after failures, sessions as bearer tokens, the antiforgery token required
 * on every change made with a session, sessions ending when they expire or the password is set again.
 */
class LoginRoutesTest {
    static final String FORM = "application/x-www-form-urlencoded";
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    /** A platform with the user alice. */
    LocalPlatform platform(String name, boolean withUser) throws Exception {
        Path root = dir.resolve(name);
        if (withUser) {
            LocalUser.set(root, "alice", PASSWORD.toCharArray(), "Alice", "Liddell");
        }
        return LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
    }

    static Answer login(LocalPlatform p, String user, String password, String... headers) throws Exception {
        return WebAccessTest.sendTo(p.url(), "POST", "/api/account/token", "userName=" + encode(user) + "&password=" + encode(password),
                FORM, headers);
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String sessionOf(LocalPlatform p) throws Exception {
        Answer a = login(p, "alice", PASSWORD);
        assertEquals(200, a.code(), a.body());
        return (String) a.json().get("token");
    }

    /** The antiforgery answer for {@code session} (null: anonymous): {requestToken, cookie "name=value"}. */
    static String[] antiforgery(LocalPlatform p, String session) throws Exception {
        Answer a = session == null ? WebAccessTest.sendTo(p.url(), "GET", "/api/account/antiforgery", null, null)
                : WebAccessTest.sendTo(p.url(), "GET", "/api/account/antiforgery", null, null, "Authorization", "Bearer " + session);
        assertEquals(200, a.code(), a.body());
        String setCookie = a.headers().get("Set-Cookie");
        assertTrue(setCookie != null && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), String.valueOf(setCookie));
        return new String[] {(String) a.json().get("requestToken"), setCookie.substring(0, setCookie.indexOf(';'))};
    }

    static Answer createModel(LocalPlatform p, String... headers) throws Exception {
        return WebAccessTest.sendTo(p.url(), "POST", "/api/models", "{\"name\": \"by session\"}", "application/json", headers);
    }

    static int models(LocalPlatform p) throws Exception {
        Answer a = WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + p.accessToken().reveal());
        assertEquals(200, a.code(), a.body());
        return ai.brevetti.internal.Json.parseList(a.body()).size();
    }

    @Test
    void thereIsNoDefaultPasswordAndTheOneSetIsKeptAsASaltedSlowHash() throws Exception {
        try (LocalPlatform p = platform("none", false)) {
            for (String[] guess : new String[][] {{"admin", "admin"}, {"admin", ""}, {"", ""}, {"alice", PASSWORD}}) {
                Answer a = login(p, guess[0], guess[1]);
                assertTrue(a.code() == 403 || a.code() == 400, a.code() + " " + a.body());
                assertFalse(a.body().contains("\"token\""), a.body());
            }
            Answer a = login(p, "admin", "admin");
            assertEquals(403, a.code(), a.body());
            assertTrue(a.body().contains("No user is set up") && a.body().contains("bin/brevettiai platform password"), a.body());

            IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                    () -> LocalUser.set(p.root(), "alice", "short".toCharArray(), null, null));
            assertTrue(shortOne.getMessage().contains("at least 8"), shortOne.getMessage());
            assertThrows(IllegalArgumentException.class, () -> LocalUser.set(p.root(), "  ", PASSWORD.toCharArray(), null, null));
            assertFalse(LocalUser.isSet(p.root()), "a refused password sets nothing");

            char[] typed = PASSWORD.toCharArray();
            LocalUser.set(p.root(), "alice", typed, "Alice", "Liddell");
            assertTrue(new String(typed).chars().allMatch(c -> c == 0), "the password array is cleared");
            Path file = p.root().resolve(LocalUser.FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String stored = Files.readString(file);
            assertFalse(stored.contains(PASSWORD), stored);
            assertTrue(stored.matches("(?s).*\"passwordHash\" *: *\"pbkdf2-sha256\\$600000\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}\".*"), stored);
            String first = stored.replaceAll("(?s).*\"passwordHash\" *: *\"([^\"]+)\".*", "$1");
            LocalUser.set(p.root(), "alice", PASSWORD.toCharArray(), "Alice", "Liddell");
            assertNotEquals(first, Files.readString(file).replaceAll("(?s).*\"passwordHash\" *: *\"([^\"]+)\".*", "$1"),
                    "a new salt each time: the same password gives another hash");

            // set while the platform runs: logging in works at once
            Answer ok = login(p, "alice", PASSWORD);
            assertEquals(200, ok.code(), ok.body());
            assertEquals("no-store", ok.headers().get("Cache-Control"));
            Map<String, Object> user = ok.json();
            assertEquals("Alice", user.get("firstName"));
            assertEquals("Liddell", user.get("lastName"));
            assertEquals("alice", user.get("userName"));
            assertTrue(((String) user.get("token")).matches("[A-Za-z0-9_-]{43}"), "256 random bits");
            assertNotEquals(p.accessToken().reveal(), user.get("token"));
            assertFalse(ok.body().contains("pbkdf2"), ok.body());
        }
    }

    @Test
    void wrongCredentialsAreRefusedAlikeAndGuessingIsSlowedDown() throws Exception {
        try (LocalPlatform p = platform("guess", true)) {
            List<Answer> wrong = new ArrayList<>();
            wrong.add(login(p, "alice", "wrong password"));
            wrong.add(login(p, "mallory", PASSWORD));
            wrong.add(login(p, "ALICE", PASSWORD));
            wrong.add(login(p, "alice", PASSWORD + " "));
            for (Answer a : wrong) {
                assertEquals(401, a.code(), a.body());
                assertEquals("Wrong user name or password", a.json().get("error"), "the same answer for a wrong name or password");
            }
            assertEquals(200, login(p, "alice", PASSWORD).code(), "four failures do not lock");
            for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
                assertEquals(401, login(p, "alice", "guess " + i).code());
            }
            Answer locked = login(p, "alice", PASSWORD);
            assertEquals(429, locked.code(), "after five failures in a row even the right password waits: " + locked.body());
            assertTrue(locked.body().contains("Too many failed logins"), locked.body());
            assertEquals("1", locked.headers().get("Retry-After"));
            Thread.sleep(1100);
            assertEquals(200, login(p, "alice", PASSWORD).code(), "the wait is over");
            assertEquals(401, login(p, "alice", "again").code(), "a success starts the count over");
            assertEquals(200, login(p, "alice", PASSWORD).code());
        }
    }

    @Test
    void theLoginIsOpenButOnlyToThisPlatformsOwnPagesAndFormPosts() throws Exception {
        try (LocalPlatform p = platform("open", true)) {
            assertEquals(403, login(p, "alice", PASSWORD, "Origin", WebAccessTest.EVIL).code(), "a cross-site form posting the login");
            assertEquals(403, login(p, "alice", PASSWORD, "Sec-Fetch-Site", "cross-site").code());
            assertEquals(421, login(p, "alice", PASSWORD, "Host", "evil.example").code(), "DNS rebinding");
            Answer json = WebAccessTest.sendTo(p.url(), "POST", "/api/account/token",
                    "{\"userName\": \"alice\", \"password\": \"" + PASSWORD + "\"}", "application/json");
            assertEquals(415, json.code(), json.body());
            Answer missing = WebAccessTest.sendTo(p.url(), "POST", "/api/account/token", "userName=alice", FORM);
            assertEquals(400, missing.code(), missing.body());
            assertEquals(401, login(p, "alice", PASSWORD, "Authorization", "Bearer not-a-token").code(),
                    "a wrong Authorization header is never ignored");
            Answer ok = login(p, "alice", PASSWORD, "Origin", p.url());
            assertEquals(200, ok.code(), "the platform's own page may log in: " + ok.body());
        }
    }

    @Test
    void aSessionOpensTheWebApiAndEveryChangeNeedsItsAntiforgeryToken() throws Exception {
        try (LocalPlatform p = platform("xsrf", true)) {
            String session = sessionOf(p);
            String[] bearer = {"Authorization", "Bearer " + session};
            assertEquals(200, WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, bearer).code(), "reads need no antiforgery token");
            assertEquals(200, WebAccessTest.sendTo(p.url(), "GET", "/api/data", null, null, bearer).code());

            String[] mine = antiforgery(p, session);
            String[] other = antiforgery(p, sessionOf(p));
            String[] anonymous = antiforgery(p, null);
            String[][] refused = {
                {"Authorization", "Bearer " + session},
                {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", mine[0]},
                {"Authorization", "Bearer " + session, "Cookie", mine[1]},
                {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", mine[0] + "x", "Cookie", mine[1]},
                {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", mine[1].substring(mine[1].indexOf('=') + 1), "Cookie", mine[1]},
                {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", other[0], "Cookie", other[1]},
                {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", other[0], "Cookie", mine[1]},
                {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", anonymous[0], "Cookie", anonymous[1]},
            };
            int before = models(p);
            for (String[] headers : refused) {
                Answer a = createModel(p, headers);
                assertEquals(400, a.code(), String.join(" ", headers) + ": " + a.body());
                assertTrue(a.body().contains("antiforgery"), a.body());
            }
            assertEquals(before, models(p), "no refused change created anything");

            String[] right = {"Authorization", "Bearer " + session, "X-XSRF-TOKEN", mine[0], "Cookie", mine[1]};
            Answer created = createModel(p, right);
            assertEquals(201, created.code(), created.body());
            String id = (String) created.json().get("id");
            Answer delete = WebAccessTest.sendTo(p.url(), "DELETE", "/api/models/" + id, null, null, bearer);
            assertEquals(400, delete.code(), "a delete is a change: " + delete.body());
            assertEquals(before + 1, models(p));
            assertTrue(WebAccessTest.sendTo(p.url(), "DELETE", "/api/models/" + id, null, null, right).code() < 300);
            assertEquals(before, models(p));

            // the platform's access token (the CLI's) needs no antiforgery token, as before
            Answer byToken = createModel(p, "Authorization", "Bearer " + p.accessToken().reveal());
            assertEquals(201, byToken.code(), byToken.body());
            // nor is a session a job's key
            assertEquals(401, WebAccessTest.sendTo(p.url(), "GET", "/api/models/" + byToken.json().get("id") + "/securitycredentials",
                    null, null, bearer).code());
        }
    }

    @Test
    void aSessionEndsWhenItExpiresOrThePasswordIsSetAgain() throws Exception {
        try (LocalPlatform p = platform("ends", true)) {
            p.sessionLifetime(Duration.ofMillis(1500));
            String shortLived = sessionOf(p);
            long opened = System.nanoTime();
            assertEquals(200, WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + shortLived).code());
            p.sessionLifetime(Duration.ofMinutes(60));
            String session = sessionOf(p);
            Thread.sleep(Math.max(0, 1600 - (System.nanoTime() - opened) / 1_000_000));
            Answer expired = WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + shortLived);
            assertEquals(401, expired.code(), expired.body());
            assertTrue(expired.body().contains("expired"), expired.body());
            assertEquals(200, WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + session).code());

            LocalUser.set(p.root(), "alice", "a new password".toCharArray(), null, null);
            Answer ended = WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + session);
            assertEquals(401, ended.code(), ended.body());
            assertTrue(ended.body().contains("password was set again"), ended.body());
            assertEquals(401, login(p, "alice", PASSWORD).code(), "the old password is refused");
            assertEquals(200, login(p, "alice", "a new password").code());
            Answer unknown = WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + session + "x");
            assertEquals(401, unknown.code());
            assertFalse(unknown.body().contains(session), "no answer repeats the token");
        }
    }

    @Test
    void sessionsDoNotOutliveThePlatform() throws Exception {
        Path root = dir.resolve("restart");
        LocalUser.set(root, "alice", PASSWORD.toCharArray(), null, null);
        String session;
        try (LocalPlatform p = LocalPlatform.start(LocalPlatform.Config.ephemeral(root))) {
            session = sessionOf(p);
        }
        try (LocalPlatform p = LocalPlatform.start(LocalPlatform.Config.ephemeral(root))) {
            assertEquals(401, WebAccessTest.sendTo(p.url(), "GET", "/api/models", null, null, "Authorization", "Bearer " + session).code());
            try (var files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(session), "no file keeps a session: " + f);
                }
            }
        }
    }
}
