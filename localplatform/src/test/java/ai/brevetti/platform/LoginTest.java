package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.localplatform.LocalUser;
import ai.brevetti.testing.Captured;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlatformApi}'s login as Python's SDK logs in, against a real local platform over HTTP: the
 * login and its errors, the antiforgery token on every change, sessions that end (on the platform or by
 * their 60 minutes) and are renewed once, where the credentials come from, remembering them, and no
 * secret in any output.
 */
class LoginTest {
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        Path root = dir.resolve("platform");
        LocalUser.set(root, "alice", PASSWORD.toCharArray(), "Alice", "Liddell");
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
        url = platform.url();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    /** A builder that finds nothing by itself: no environment, no remembered credentials, nobody to ask. */
    static PlatformApiBuilder isolated(String configName) {
        return PlatformApi.builder().host(url).environment(Map.of()).configDir(dir.resolve(configName)).prompt(CredentialPrompt.none());
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aLoginAnswersTheUserAndItsSessionMakesChanges() throws Exception {
        Captured<PlatformApi> logged = Captured.run(() -> isolated("plain").credentials("alice", PASSWORD).connect());
        PlatformApi api = logged.value;
        assertTrue(logged.err.contains("Logged in to " + url + " as Alice Liddell (alice)"), logged.err);
        LoginUser user = api.user().orElseThrow();
        assertEquals(new LoginUser(user.id(), "alice", "", "Alice", "Liddell"), user);
        assertFalse(user.id().isEmpty());
        // changes need the antiforgery token with its cookie: these pass only if the session sends both
        Dataset dataset = api.createDataset("by login", "", "", List.of());
        Model model = api.createModel("by login", List.of(dataset.id()), Map.of("epochs", 1), List.of());
        assertFalse(model.apiKey().isEmpty());
        assertEquals("by login", api.getModel(model.id()).name());
        assertTrue(api.getModels().stream().anyMatch(m -> m.id().equals(model.id())));
        api.deleteModel(model.id());
        assertTrue(api.getModels().stream().noneMatch(m -> m.id().equals(model.id())));
        assertEquals("PlatformApi[" + url + ", user alice]", api.toString());

        PlatformApi same = PlatformApi.login(url, "alice", PASSWORD);
        assertEquals("alice", same.user().orElseThrow().userName());
    }

    @Test
    void everyCallOfTheWebApiWorksThroughASession() throws Exception {
        Captured<Void> run = Captured.run(() -> {
            PlatformApi api = isolated("every").credentials("alice", PASSWORD).connect();
            Dataset dataset = api.createDataset("every call", "ref", "notes", List.of());
            assertTrue(api.getDatasets().stream().anyMatch(d -> d.id().equals(dataset.id())));
            assertEquals("every call", api.getDataset(dataset.id()).name());
            StsCredentials credentials = api.getDatasetCredentials(dataset.id());
            assertFalse(credentials.toString().contains(PASSWORD));
            Path folder = Files.createDirectories(dir.resolve("images/sub"));
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
            javax.imageio.ImageIO.write(image, "png", folder.resolve("a.png").toFile());
            javax.imageio.ImageIO.write(image, "png", folder.getParent().resolve("b.png").toFile());
            PlatformApi.Upload upload = api.uploadFolder(dataset, folder.getParent());
            assertEquals(2, upload.files());
            Model model = api.createModel("every call", List.of(dataset.id()), Map.of(), List.of());
            assertEquals(model.id(), api.getModel(model.id()).id());
            assertTrue(api.getModels().stream().anyMatch(m -> m.id().equals(model.id())));
            // an error other than 401 is the platform's answer, not a reason to log in again
            PlatformException notYet = assertThrows(PlatformException.class, () -> api.createTestReport(model.id(), List.of()));
            assertEquals(409, notYet.status(), notYet.getMessage());
            api.deleteModel(model.id());
            assertThrows(PlatformException.class, () -> api.getModel(model.id()));
            return null;
        });
        assertEquals(1, count(run.err, "Logged in to " + url), "one login for all the calls: " + run.err);
    }

    @Test
    void wrongCredentialsFailAtLoginWithTheReasonAndNeverThePassword() throws Exception {
        for (String[] wrong : new String[][] {{"alice", "not the password"}, {"bob", PASSWORD}}) {
            PlatformException e = assertThrows(PlatformException.class, () -> isolated("wrong").credentials(wrong[0], wrong[1]).connect());
            assertEquals(401, e.status());
            assertEquals("Could not log in to " + url + " as " + wrong[0] + ": Wrong user name or password (401). "
                    + "Check the user name and password (given)", e.getMessage());
            assertFalse(e.getMessage().contains(wrong[1]), e.getMessage());
        }
        assertEquals("alice", PlatformApi.login(url, "alice", PASSWORD).user().orElseThrow().userName(), "resets the failure count");
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        PlatformException nobody = assertThrows(PlatformException.class, () -> PlatformApi.login("http://127.0.0.1:" + closed, "alice", PASSWORD));
        assertEquals(0, nobody.status(), nobody.getMessage());
        assertTrue(nobody.getMessage().startsWith("Logging in to http://127.0.0.1:" + closed + " as alice: cannot reach the platform"),
                nobody.getMessage());
    }

    @Test
    void aPlatformWithoutAUserRefusesTheLoginSayingHowToSetOne() throws Exception {
        try (LocalPlatform bare = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("bare")))) {
            PlatformException e = assertThrows(PlatformException.class,
                    () -> PlatformApi.builder().host(bare.url()).environment(Map.of()).configDir(dir.resolve("bare-config"))
                            .prompt(CredentialPrompt.none()).credentials("admin", "admin123").connect());
            assertEquals(403, e.status());
            assertTrue(e.getMessage().startsWith("Could not log in to " + bare.url() + " as admin: No user is set up"), e.getMessage());
            assertTrue(e.getMessage().contains("bin/brevettiai platform password"), e.getMessage());
            // its access token keeps working
            assertTrue(bare.api().getModels().isEmpty());
        }
    }

    @Test
    void aSessionThePlatformEndedIsRenewedOnceAndTheCallRepeated() throws Exception {
        platform.sessionLifetime(Duration.ofMillis(1500));
        try {
            Captured<Integer> run = Captured.run(() -> {
                PlatformApi api = isolated("renew").credentials("alice", PASSWORD).connect();
                api.createModel("before", List.of(), Map.of(), List.of());
                Thread.sleep(1600);
                // the platform now refuses the session: the POST is refused (401), the client logs in and sends it again
                Model after = api.createModel("after the session ended", List.of(), Map.of(), List.of());
                Thread.sleep(1600);
                api.getModel(after.id());
                return api.getModels().size();
            });
            assertEquals(2, count(run.err, "Logged in to " + url + " again as alice (the platform refused the session (401))"), run.err);
            assertEquals(1, platform.api().getModels().stream().filter(m -> m.name().equals("after the session ended")).count(),
                    "the repeated POST created one model");
        } finally {
            platform.sessionLifetime(Duration.ofMinutes(60));
        }
    }

    @Test
    void theClientLogsInAgainWhenItsSessionHasLastedItsLifetime() throws Exception {
        Captured<Void> run = Captured.run(() -> {
            PlatformApi api = isolated("lifetime").credentials("alice", PASSWORD).sessionLifetime(Duration.ofMillis(1500)).connect();
            api.getModels();
            api.getModels();
            Thread.sleep(1600);
            api.getModels();
            return null;
        });
        assertEquals(1, count(run.err, "Logged in to " + url + " as"), run.err);
        assertEquals(1, count(run.err, "again as alice (the session had lasted"), "one new login, before the call: " + run.err);
        assertEquals(0, count(run.err, "refused"), run.err);
    }

    @Test
    void a401RightAfterALoginIsNotAuthorizedNamingTheUserAndThePlatform() throws Exception {
        PlatformApi api = isolated("refused").credentials("alice", PASSWORD).connect();
        api.getModels();
        // the session ends (the password set again, to the same one) and new sessions end at once
        LocalUser.set(platform.root(), "alice", PASSWORD.toCharArray(), "Alice", "Liddell");
        platform.sessionLifetime(Duration.ZERO);
        try {
            Captured<PlatformException> run = Captured.run(() -> assertThrows(PlatformException.class, api::getModels));
            PlatformException e = run.value;
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("not authorized: the platform at " + url + " refused the new session"), e.getMessage());
            assertTrue(e.getMessage().contains(" as alice"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            assertEquals(0, count(run.err, "again as alice"), "one new login was tried, and it failed: " + run.err);
        } finally {
            platform.sessionLifetime(Duration.ofMinutes(60));
        }
        assertEquals(0, api.getModels().stream().filter(m -> m.name().equals("never")).count(), "the next call logs in again");
    }

    @Test
    void anUnknownIdIs404AndTheAnswersFieldsBeyondTheClientsAreIgnored() {
        PlatformApi api = isolated("404").credentials("alice", PASSWORD).connect();
        PlatformException model = assertThrows(PlatformException.class, () -> api.getModel("no-such-model"));
        assertEquals(404, model.status());
        assertTrue(model.getMessage().contains("No model no-such-model"), model.getMessage());
        PlatformException dataset = assertThrows(PlatformException.class, () -> api.getDataset("no-such-dataset"));
        assertEquals(404, dataset.status());
        // the login answer has fields LoginUser does not model (expiresIn), answers may lack some (email)
        LoginUser user = LoginUser.fromMap(Map.of("token", "t", "userName", "u", "firstName", "F", "roles", List.of("admin"),
                "permissions", Map.of("models", List.of())), "fallback");
        assertEquals(new LoginUser("", "u", "", "F", ""), user);
        assertEquals("fallback", LoginUser.fromMap(Map.of("token", "t"), "fallback").userName());
    }

    @Test
    void credentialsComeFromTheArgumentsThenTheEnvironmentThenRememberedOnesThenTheTerminal() throws Exception {
        Map<String, String> env = Map.of("BREVETTI_AI_USER", "alice", "BREVETTI_AI_PW", PASSWORD);
        assertEquals("alice", isolated("env").environment(env).connect().user().orElseThrow().userName());
        PlatformException wrongGiven = assertThrows(PlatformException.class,
                () -> isolated("env").environment(env).credentials("alice", "given and wrong").connect());
        assertTrue(wrongGiven.getMessage().contains("(given)"), "the arguments come first: " + wrongGiven.getMessage());

        // the terminal: a user name and a password, the password in no output
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        CredentialPrompt lines = CredentialPrompt.reading(new BufferedReader(new StringReader("alice\n" + PASSWORD + "\n")),
                new PrintStream(shown, true, StandardCharsets.UTF_8));
        assertEquals("alice", isolated("prompt").prompt(lines).connect().user().orElseThrow().userName());
        String prompts = shown.toString(StandardCharsets.UTF_8);
        assertTrue(prompts.contains("User name for " + url + ": ") && prompts.contains("Password of alice at " + url + ": "), prompts);
        assertFalse(prompts.contains(PASSWORD), prompts);

        // a user name set without a password: only the password is asked
        ByteArrayOutputStream shown2 = new ByteArrayOutputStream();
        CredentialPrompt passwordOnly = CredentialPrompt.reading(new BufferedReader(new StringReader(PASSWORD + "\n")),
                new PrintStream(shown2, true, StandardCharsets.UTF_8));
        isolated("prompt").environment(Map.of("BREVETTI_AI_USER", "alice")).prompt(passwordOnly).connect();
        assertFalse(shown2.toString(StandardCharsets.UTF_8).contains("User name"), shown2.toString(StandardCharsets.UTF_8));

        PlatformException none = assertThrows(PlatformException.class, () -> isolated("none").connect());
        assertEquals(401, none.status());
        assertTrue(none.getMessage().contains("no credentials to log in with"), none.getMessage());
        assertTrue(none.getMessage().contains("BREVETTI_AI_USER and BREVETTI_AI_PW"), none.getMessage());
        assertTrue(none.getMessage().contains("bin/brevettiai login --host " + url + " --remember-me"), none.getMessage());
        PlatformException userOnly = assertThrows(PlatformException.class,
                () -> isolated("none").environment(Map.of("BREVETTI_AI_USER", "alice")).connect());
        assertTrue(userOnly.getMessage().contains("no password for alice")
                && userOnly.getMessage().contains("(BREVETTI_AI_USER is set, BREVETTI_AI_PW is not)"), userOnly.getMessage());
        PlatformException emptyAnswer = assertThrows(PlatformException.class, () -> isolated("none")
                .prompt(CredentialPrompt.reading(new BufferedReader(new StringReader("")), new PrintStream(new ByteArrayOutputStream())))
                .connect());
        assertEquals(401, emptyAnswer.status(), "nothing typed: " + emptyAnswer.getMessage());
    }

    @Test
    void rememberMeKeepsThemEncryptedForTheirPlatformOnlyAndUserOnly() throws Exception {
        Path config = dir.resolve("remember");
        RememberedCredentials remembered = RememberedCredentials.in(config);
        isolated("remember").credentials("alice", PASSWORD).connect();
        assertFalse(Files.exists(remembered.file()), "nothing is remembered without rememberMe");

        Captured<PlatformApi> first = Captured.run(() -> isolated("remember").credentials("alice", PASSWORD).rememberMe(true).connect());
        assertTrue(first.err.contains("Remembered the credentials of alice for " + url + " in " + remembered.file()), first.err);
        for (Path f : List.of(remembered.file(), remembered.keyFile())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        String stored = Files.readString(remembered.file());
        assertFalse(stored.contains(PASSWORD) || stored.contains("alice"), "neither the password nor the user in the clear: " + stored);
        assertTrue(stored.matches("(?s).*\"" + java.util.regex.Pattern.quote(PlatformTokens.origin(url)) + "\" *: *\"v1\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\".*"),
                stored);

        // the next login needs nothing given
        assertEquals("alice", isolated("remember").connect().user().orElseThrow().userName());
        Credentials back = remembered.find(url.replace("127.0.0.1", "localhost")).orElseThrow();
        assertEquals(Credentials.of("alice", PASSWORD), back);
        assertEquals("Credentials[alice, ****]", back.toString());
        // remembering again for the same platform replaces, with a fresh nonce
        remembered.remember(url, back);
        assertTrue(!Files.readString(remembered.file()).equals(stored), "a new nonce each time");

        // an entry moved to another platform's address, or changed, does not decrypt: a clear error, no content
        Map<String, Object> entries = ai.brevetti.internal.Json.parseObject(Files.readString(remembered.file()));
        String entry = (String) entries.get(PlatformTokens.origin(url));
        Files.writeString(remembered.file(), "{\"http://evil.example:80\": \"" + entry + "\", \"" + PlatformTokens.origin(url) + "\": \""
                + entry.substring(0, entry.length() - 2) + (entry.endsWith("A") ? "BB" : "AA") + "\"}");
        JobException moved = assertThrows(JobException.class, () -> remembered.find("http://evil.example"));
        assertTrue(moved.getMessage().contains("do not decrypt"), moved.getMessage());
        JobException changed = assertThrows(JobException.class, () -> remembered.find(url));
        assertTrue(changed.getMessage().contains("cannot be read") && changed.getMessage().contains("bin/brevettiai logout"), changed.getMessage());

        // remembered again, then the password changes on the platform: the message says the remembered one is out of date
        isolated("remember").credentials("alice", PASSWORD).rememberMe(true).connect();
        assertTrue(remembered.find("http://evil.example").isEmpty(), "entries that no longer decrypt are dropped");
        LocalUser.set(platform.root(), "alice", "another password".toCharArray(), "Alice", "Liddell");
        try {
            PlatformException outdated = assertThrows(PlatformException.class, () -> isolated("remember").connect());
            assertTrue(outdated.getMessage().contains("The remembered password may be out of date"), outdated.getMessage());
        } finally {
            LocalUser.set(platform.root(), "alice", PASSWORD.toCharArray(), "Alice", "Liddell");
        }

        // the key gone: a clear error; forgotten: nothing remembered
        Files.delete(remembered.keyFile());
        JobException noKey = assertThrows(JobException.class, () -> remembered.find(url));
        assertTrue(noKey.getMessage().contains("is gone"), noKey.getMessage());
        assertTrue(remembered.forget(url));
        assertFalse(remembered.forget(url));
        assertTrue(remembered.find(url).isEmpty());
        PlatformException none = assertThrows(PlatformException.class, () -> isolated("remember").connect());
        assertEquals(401, none.status());
    }

    @Test
    void connectWithoutASavedTokenLogsInWithTheUsersCredentialsAtTheFirstCall() throws Exception {
        Path config = dir.resolve("cli");
        PlatformTokens tokens = PlatformTokens.in(config);
        RememberedCredentials.in(config).remember(url, Credentials.of("alice", PASSWORD));
        Captured<PlatformApi> connected = Captured.run(() -> PlatformApi.connect(url, tokens));
        assertFalse(connected.err.contains("Logged in"), "no call, no login: " + connected.err);
        assertTrue(connected.value.user().isEmpty());
        Captured<Model> created = Captured.run(() -> connected.value.createModel("by the CLI's way", List.of(), Map.of(), List.of()));
        assertTrue(created.err.contains("Logged in to " + url + " as Alice Liddell"), created.err);
        assertEquals("alice", connected.value.user().orElseThrow().userName());

        // a saved token still comes first: no login
        tokens.save(url, platform.accessToken());
        Captured<List<Model>> byToken = Captured.run(() -> PlatformApi.connect(url, tokens).getModels());
        assertFalse(byToken.err.contains("Logged in"), byToken.err);
        assertTrue(PlatformApi.connect(url, tokens).user().isEmpty());
    }

    @Test
    void noSecretReachesALogAnOutputAnExceptionOrAToString() throws Exception {
        Path config = dir.resolve("secrets");
        List<String> texts = new ArrayList<>();
        Captured<Void> run = Captured.run(() -> {
            PlatformApiBuilder builder = isolated("secrets").credentials("alice", PASSWORD).rememberMe(true);
            texts.add(builder.toString());
            PlatformApi api = builder.connect();
            texts.add(api.toString());
            texts.add(api.user().orElseThrow().toString());
            texts.add(Credentials.of("alice", PASSWORD).toString());
            texts.add(RememberedCredentials.in(config).toString());
            for (Runnable failing : List.<Runnable>of(() -> api.getModel("missing"),
                    () -> isolated("secrets-wrong").credentials("alice", PASSWORD + "x").connect(),
                    () -> isolated("secrets-none").environment(Map.of("BREVETTI_AI_PW", PASSWORD)).connect())) {
                try {
                    failing.run();
                } catch (RuntimeException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        texts.add(String.valueOf(t.getMessage()));
                        texts.add(t.toString());
                    }
                }
            }
            return null;
        });
        texts.add(run.out);
        texts.add(run.err);
        for (String text : texts) {
            assertFalse(text.contains(PASSWORD), text);
            assertFalse(text.contains(platform.accessToken().reveal()), text);
        }
        assertTrue(String.join("\n", texts).contains("Could not log in"), "the failures were captured: " + texts);
        assertEquals(Optional.empty(), PlatformApi.connect(url, platform.accessToken()).user());
    }
}
