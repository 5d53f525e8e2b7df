package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key rule: a key that passes names the file it spells, under the bucket, and nothing else. */
class ObjectKeyTest {

    @Test
    void keysThatNormaliseToAnotherPathAreRefusedWithTheReason() {
        List<String> refused = List.of("a/../b", "a/./b", "a/..", "..", ".", "./a", "a//b", "//a", "/a", "a\\b", "a\\..\\b",
                "a/b\u0000", "", "x".repeat(1025));
        for (String key : refused) {
            Optional<String> problem = ObjectKey.problem(key);
            assertTrue(problem.isPresent(), "'" + key + "' passed");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectKey.require(key));
            assertTrue(e.getMessage().startsWith("Not a valid S3 key: "), e.getMessage());
            assertFalse(e.getMessage().contains("\u0000"), "control characters are not printed");
        }
        assertTrue(ObjectKey.problem("a/../b").orElseThrow().contains("'..' segment"));
        assertTrue(ObjectKey.problem("a//b").orElseThrow().contains("empty segment"));
        assertTrue(ObjectKey.problem("/a").orElseThrow().contains("starts with '/'"));
        assertTrue(ObjectKey.problem("a\\b").orElseThrow().contains("backslash"));
    }

    @Test
    void ordinaryKeysPassAndResolveToThemselves() {
        Path bucket = Path.of("/data/bucket");
        for (String key : List.of("a", "a/b.txt", "a/b/", "a/.hidden", "a/...", "a/..b", "a/b..", "%2e%2e/x", "a/..;/b",
                "über/ç.txt", "a b/c+d")) {
            assertEquals(Optional.empty(), ObjectKey.problem(key), key);
            String resolved = bucket.resolve(key).normalize().toString();
            assertEquals(bucket + "/" + (key.endsWith("/") ? key.substring(0, key.length() - 1) : key), resolved, key);
        }
    }

    @Test
    void listingPrefixesMayBeEmptyOrPartial() {
        assertEquals(Optional.empty(), ObjectKey.prefixProblem(null));
        assertEquals(Optional.empty(), ObjectKey.prefixProblem(""));
        assertEquals(Optional.empty(), ObjectKey.prefixProblem("a/ima"));
        assertEquals("", ObjectKey.requirePrefix(null));
        assertTrue(ObjectKey.prefixProblem("a/..").isPresent());
        assertTrue(ObjectKey.prefixProblem("../").isPresent());
        assertThrows(IllegalArgumentException.class, () -> ObjectKey.requirePrefix("a//"));
    }
}
