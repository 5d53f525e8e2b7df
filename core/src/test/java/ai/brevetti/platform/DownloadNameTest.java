package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The name a download is saved under: the answer's, a plain file name only, never a path out of the folder. */
class DownloadNameTest {
    static final String URL = "http://127.0.0.1:8800/download?path=job%2Fartifacts%2Fmodel.tar.gz";

    @Test
    void theAnswersNameIsUsedTheExtendedOneFirst() {
        assertEquals("model.tar.gz", DownloadName.of("inline; filename=\"model.tar.gz\"", URL));
        assertEquals("model.tar.gz", DownloadName.of("attachment; filename=model.tar.gz", URL));
        assertEquals("æ ø.txt", DownloadName.of("attachment; filename=\"fallback.txt\"; filename*=UTF-8''%C3%A6%20%C3%B8.txt", URL));
        assertEquals("a\"b.txt", DownloadName.of("attachment; filename=\"a\\\"b.txt\"", URL));
        assertEquals("fallback.txt", DownloadName.of("attachment; filename*=ISO-8859-1''x.txt; filename=\"fallback.txt\"", URL),
                "an extended name in another charset is not guessed at");
    }

    @Test
    void aNameWithFoldersGivesOnlyItsLastPartAndABadOneIsNotUsed() {
        assertEquals("passwd", DownloadName.of("attachment; filename=\"../../etc/passwd\"", URL));
        assertEquals("x.bin", DownloadName.of("attachment; filename=\"C:\\\\temp\\\\x.bin\"", URL));
        assertEquals("x.bin", DownloadName.of("attachment; filename*=UTF-8''..%2F..%2Fx.bin", URL));
        assertEquals("download", DownloadName.of("attachment; filename=\"..\"", URL), "'..' is no name: the URL's last part");
        assertEquals("download", DownloadName.of("attachment; filename=\"a\nb\"", URL), "control characters are no name");
        assertEquals("download", DownloadName.of("attachment; filename=\"dir/\"", URL));
        assertEquals("report.html", DownloadName.of(null, "http://h:1/x/report.html?key=secret"));
        assertEquals("download", DownloadName.of("inline", "http://h:1/"));
    }
}
