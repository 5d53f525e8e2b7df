package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorReportTest {
    @Test
    void secretsAreMaskedInTheUsualSpellings() {
        String text = "GET http://h/api/models/1/charts?key=abc123&name=x; {\"api_key\": \"k-42\", \"secretAccessKey\":\"s3cr3t\"}"
                + " aws_secret_access_key=AKIA/xyz Authorization: Bearer tok.en X-Amz-Signature=feed";
        String masked = ErrorReport.redact(text);
        for (String secret : List.of("abc123", "k-42", "s3cr3t", "AKIA/xyz", "tok.en", "feed")) {
            assertFalse(masked.contains(secret), secret + " in " + masked);
        }
        assertTrue(masked.contains("key=****&name=x"), masked);
    }

    @Test
    void causesThatRepeatTheMessageAreLeftOut() {
        IOException root = new IOException("disk full");
        RuntimeException wrapper = new RuntimeException("Cannot save: disk full", new UncheckedIOException("writing a.txt", root));
        assertEquals(List.of("UncheckedIOException: writing a.txt"), ErrorReport.causes(wrapper));
        IllegalStateException foreign = new IllegalStateException("outer", root);
        foreign.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.example.Lib", "load", "Lib.java", 7)});
        assertEquals("outer\n  caused by: IOException: disk full", ErrorReport.summary(foreign));
    }

    @Test
    void theProjectsOwnExceptionsExplainTheirCauses() {
        IllegalStateException ours = new IllegalStateException("The platform folder is not writable", new IOException("EROFS"));
        ours.setStackTrace(new StackTraceElement[] {new StackTraceElement("ai.brevetti.localplatform.LocalPlatform", "start", "LocalPlatform.java", 1)});
        assertEquals("The platform folder is not writable", ErrorReport.summary(ours));
    }

    @Test
    void fileErrorsSayWhatHappenedToThePath() {
        assertEquals("'/x/y': permission denied", ErrorReport.message(new AccessDeniedException("/x/y")));
    }

    @Test
    void theLogIsTheOwnersOnlyAndMasked() throws Exception {
        Path log = ErrorReport.writeLog("test", "header key=abc123", "trace \"api_key\": \"k-42\"").orElseThrow();
        try {
            String text = Files.readString(log);
            assertFalse(text.contains("abc123") || text.contains("k-42"), text);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
