package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3UrlTest {
    @Test
    void wellFormedUrlsPass() {
        for (String url : List.of("s3://data.criterion.ai", "s3://data.criterion.ai/", "s3://bkt/a b/c (1).bmp", "s3://a-b.c1/x")) {
            assertEquals(Optional.empty(), S3Url.problem(url), url);
        }
    }

    @Test
    void malformedOnesSayWhy() {
        assertTrue(S3Url.problem("s3:///key").orElseThrow().contains("third slash"));
        assertTrue(S3Url.problem("s3://" + "a".repeat(64) + "/x").orElseThrow().contains("3–63"));
        assertTrue(S3Url.problem("s3://bucket-/x").orElseThrow().contains("'bucket-'"));
        assertTrue(S3Url.problem("s3://bucket/a\tb").orElseThrow().contains("control character"));
        assertTrue(S3Url.looksLikeS3(" S3:x") && !S3Url.looksLikeS3("/data/s3:x"));
    }
}
