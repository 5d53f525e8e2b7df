package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.localplatform.LocalPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI and {@link PlatformApi#connect} find the access token of the platform at an address, against a real local platform. */
class PlatformTokensTest {
    @TempDir
    Path dir;

    @Test
    void addressesAreComparedAsOriginsWithTheLoopbackNamesAsOne() {
        assertEquals("http://127.0.0.1:8800", PlatformTokens.origin("http://127.0.0.1:8800"));
        assertEquals("http://127.0.0.1:8800", PlatformTokens.origin("http://localhost:8800/"));
        assertEquals("http://127.0.0.1:8800", PlatformTokens.origin("HTTP://LocalHost:8800"));
        assertEquals("http://127.0.0.1:8800", PlatformTokens.origin("http://[::1]:8800"));
        assertEquals("https://platform.brevetti.ai:443", PlatformTokens.origin("https://platform.brevetti.ai"));
        assertEquals("http://example.com:80", PlatformTokens.origin("http://example.com/api"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PlatformTokens.origin("127.0.0.1:8800x"));
        assertTrue(bad.getMessage().contains("expected e.g. http://127.0.0.1:8800"), bad.getMessage());
    }

    @Test
    void tokensAreSavedUserOnlyAndReplacedByTheNewestStart() throws Exception {
        PlatformTokens tokens = PlatformTokens.forUser(Map.of("BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString()));
        assertEquals(dir.resolve("config/platform_tokens.json"), tokens.file());
        assertTrue(tokens.find("http://127.0.0.1:8800").isEmpty());
        tokens.save("http://127.0.0.1:8800", Secret.of("first"));
        tokens.save("http://127.0.0.1:9900", Secret.of("other"));
        tokens.save("http://localhost:8800", Secret.of("second"));
        assertEquals("second", tokens.find("http://127.0.0.1:8800/").orElseThrow().reveal());
        assertEquals("other", tokens.find("http://localhost:9900").orElseThrow().reveal());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.file())));
        try (var files = Files.list(tokens.file().getParent())) {
            // the lock file that serialises saves from several processes stays (empty, user-only)
            assertEquals(List.of(tokens.file()), files.filter(f -> !f.getFileName().toString().equals("platform_tokens.json.lock"))
                    .toList(), "no temporary file is left");
        }
        Files.writeString(tokens.file(), "{\"http://127.0.0.1:8800\": \"secret-token-value\",");
        JobException broken = assertThrows(JobException.class, () -> tokens.find("http://127.0.0.1:8800"));
        assertTrue(broken.getMessage().contains("Fix or delete it"), broken.getMessage());
        assertFalse(broken.getMessage().contains("secret-token-value"), "the message does not quote the file: " + broken.getMessage());
    }

    @Test
    void connectSendsTheTokenSavedForTheAddressAndA401SaysWhereOneComesFrom() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")))) {
            PlatformTokens tokens = PlatformTokens.in(dir.resolve("config"));
            String localhost = platform.url().replace("127.0.0.1", "localhost");

            PlatformException none = assertThrows(PlatformException.class, () -> PlatformApi.connect(localhost, tokens).getModels());
            assertEquals(401, none.status());
            assertTrue(none.getMessage().contains("no access token for it in " + tokens.file()), none.getMessage());
            assertTrue(none.getMessage().contains("bin/brevettiai platform"), none.getMessage());

            tokens.save(platform.url(), Secret.of("not-the-token-of-this-platform-000000000000"));
            PlatformException wrong = assertThrows(PlatformException.class, () -> PlatformApi.connect(localhost, tokens).getModels());
            assertEquals(401, wrong.status());
            assertTrue(wrong.getMessage().contains("was refused"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("not-the-token"), "the message does not show the token: " + wrong.getMessage());

            tokens.save(platform.url(), platform.accessToken());
            PlatformApi api = PlatformApi.connect(localhost, tokens);
            Model model = api.createModel("by the saved token", List.of(), Map.of(), List.of());
            assertFalse(model.apiKey().isEmpty(), "the answer creating a model has its key");
            Model listed = api.getModels().stream().filter(m -> m.id().equals(model.id())).findFirst().orElseThrow();
            assertTrue(listed.apiKey().isEmpty(), "a listed model has no key");
            assertTrue(api.getModel(model.id()).apiKey().isEmpty(), "a model read back has no key");
            assertFalse(platform.toString().contains(platform.accessToken().reveal()));
            assertFalse(api.toString().contains(platform.accessToken().reveal()));
            assertEquals("****", platform.loginLink().toString());
        }
    }
}
