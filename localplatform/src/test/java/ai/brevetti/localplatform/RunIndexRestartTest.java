package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.Captured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs index across restarts of a platform on loopback: the first request after a start reads only the
 * files of runs that changed while it was down (counted through {@link RunIndex#onRead}, the index's own
 * reads) and shows those changes, added and removed runs; a corrupt or old cache file is ignored with one
 * warning; requests during the warm-up, while a job rewrites output.json, are complete and never stale; a
 * file rewritten within its stamp's clock tick is read again.
 */
class RunIndexRestartTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where the index keeps its summaries between starts (RunIndexFile). */
    static final String CACHE = "platform/run-index.bin";

    @TempDir
    Path dir;
    Path root;
    final List<Path> reads = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void countReads() {
        root = dir.resolve("platform-root").toAbsolutePath();
        RunIndex.onRead = file -> {
            if (file.toAbsolutePath().startsWith(root)) {
                reads.add(file);
            }
        };
    }

    @AfterEach
    void stopCounting() {
        RunIndex.onRead = file -> { };
    }

    LocalPlatform start() throws Exception {
        return LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
    }

    /** {@code n} jobs named run-0… with output.json (loss = i / 100), some completed, one failed; their ids. */
    static List<String> jobs(LocalPlatform platform, int n) {
        PlatformStore store = platform.store();
        DatasetRecord dataset = store.createDataset("restart images", "", "", List.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String output = String.format(Locale.ROOT, "{\"output\": {\"loss\": %.2f, \"accuracy\": 0.5}}", i / 100.0);
            ModelRecord m = store.createJob("run-" + i, List.of(dataset.id()), "{\"epochs\": " + i + "}", List.of(), null, null,
                    created -> platform.s3().put(created.id() + "/artifacts/output.json", output.getBytes(StandardCharsets.UTF_8), "application/json"));
            String now = PlatformStore.now();
            if (i % 3 == 0) {
                store.save(m.withStarted(now).withCompleted(now, "artifacts/model.tar.gz"));
            }
            ids.add(m.id());
        }
        return ids;
    }

    static Map<String, Object> runs(LocalPlatform platform) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(platform.url() + "/api/runs?size=500&sort=name&metric=loss,accuracy,f1"))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parseObject(answer.body());
    }

    /** id → row of /api/runs. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> rows(Map<String, Object> table) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) table.get("runs")) {
            out.put((String) row.get("id"), row);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object metric(Map<String, Object> row, String name) {
        return ((Map<String, Object>) row.get("metrics")).get(name);
    }

    /** Waits until the files written so far are older than a stamp can be trusted for ({@link FileStamp#SETTLE}). */
    static void settle() throws InterruptedException {
        Thread.sleep(FileStamp.SETTLE.toMillis() + 300);
    }

    static Set<String> idsOf(List<Path> files, List<String> ids) {
        return files.stream().map(f -> ids.stream().filter(id -> f.toString().contains(id)).findFirst().orElse("other: " + f))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void theFirstRequestAfterARestartReadsOnlyWhatChangedWhileItWasDown() throws Exception {
        List<String> ids;
        Path changedOutput;
        Path changedRecord;
        Path removedRecord;
        Path models;
        Path s3;
        try (LocalPlatform platform = start()) {
            ids = jobs(platform, 30);
            settle();
            assertEquals(30, runs(platform).get("total"));
            changedOutput = platform.s3().file(ids.get(4) + "/artifacts/output.json");
            models = platform.store().records("models");
            s3 = platform.s3().file(ids.get(0)).getParent();
            changedRecord = models.resolve(ids.get(5) + ".json");
            removedRecord = models.resolve(ids.get(6) + ".json");
        }
        // while it is down: a job's output.json is rewritten in place, one fails, one is removed, one is added
        Files.writeString(changedOutput, "{\"output\": {\"loss\": 0.99, \"accuracy\": 0.75}}");
        ModelRecord failed = Json.mapper().readValue(Files.readString(changedRecord), ModelRecord.class);
        String now = PlatformStore.now();
        Files.writeString(changedRecord, Json.writePretty(failed.withStarted(now).withFailed(now, "out of memory")));
        Files.delete(removedRecord);
        String added = UUID.randomUUID().toString();
        Files.createDirectories(s3.resolve(added).resolve("artifacts"));
        Files.writeString(s3.resolve(added).resolve("artifacts/output.json"), "{\"output\": {\"loss\": 0.01, \"f1\": 0.9}}");
        Files.writeString(models.resolve(added + ".json"), Json.writePretty(new ModelRecord(added, "added while down", now, null, null,
                "key-" + added, "{}", List.of(), List.of(), ModelRecord.CUSTOM_JOB, null, null, null, null, null)));

        reads.clear();
        try (LocalPlatform platform = start()) {
            Map<String, Map<String, Object>> rows = rows(runs(platform));
            assertEquals(30, rows.size(), "one removed, one added");
            assertEquals(0.99, metric(rows.get(ids.get(4)), "loss"), "the rewritten output.json");
            assertEquals("failed", rows.get(ids.get(5)).get("status"), "the rewritten record");
            assertFalse(rows.containsKey(ids.get(6)), "the removed run");
            assertEquals(0.9, metric(rows.get(added), "f1"), "the added run");
            assertEquals("completed", rows.get(ids.get(3)).get("status"));
            assertEquals(0.03, metric(rows.get(ids.get(3)), "loss"));
            List<String> all = new ArrayList<>(ids);
            all.add(added);
            assertEquals(Set.of(ids.get(4), ids.get(5), added), idsOf(reads, all),
                    "only the files of the runs that changed while the platform was down are read: " + reads);
            assertTrue(reads.contains(changedOutput), reads.toString());
        }
        String cache = new String(Files.readAllBytes(root.resolve(CACHE)), StandardCharsets.ISO_8859_1);
        List<String> left = new ArrayList<>(ids);
        left.remove(ids.get(6));
        left.add(added);
        for (String id : left) {
            assertTrue(cache.contains(id), "every run is in the cache file");
            String apiKey = Json.mapper().readValue(Files.readString(models.resolve(id + ".json")), ModelRecord.class).apiKey();
            assertFalse(cache.contains(apiKey), "no API key in the cache file");
        }
        assertFalse(cache.contains(ids.get(6)), "the removed run left the cache file");
    }

    @Test
    void aDamagedOrOldCacheFileIsIgnoredWithOneWarning() throws Exception {
        List<String> ids;
        try (LocalPlatform platform = start()) {
            ids = jobs(platform, 8);
            settle();
            runs(platform);
        }
        byte[] good = Files.readAllBytes(root.resolve(CACHE));
        byte[] damaged = good.clone();
        damaged[good.length / 2] ^= 0x5a;
        byte[] old = good.clone();
        java.nio.ByteBuffer.wrap(old).putInt(8, 0); // the version, after the 8 bytes of the magic
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("not a runs index file", "{\"runs\": []}".getBytes(StandardCharsets.UTF_8));
        cases.put("truncated", java.util.Arrays.copyOf(good, good.length / 2));
        cases.put("damaged", damaged);
        cases.put("of version 0", old);
        cases.put("empty", new byte[0]);
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            String bad = c.getKey();
            Files.write(root.resolve(CACHE), c.getValue());
            reads.clear();
            Captured<Map<String, Object>> first = Captured.run(() -> {
                try (LocalPlatform platform = start()) {
                    return runs(platform);
                }
            });
            Map<String, Map<String, Object>> rows = rows(first.value);
            assertEquals(8, rows.size(), bad);
            assertEquals(0.07, metric(rows.get(ids.get(7)), "loss"), bad);
            List<String> warnings = first.err.lines().filter(l -> l.contains("run-index.bin")).toList();
            assertEquals(1, warnings.size(), "one warning for " + bad + ": " + first.err);
            assertTrue(warnings.get(0).contains("WARN") && warnings.get(0).contains("ignored"), warnings.get(0));
            assertEquals(8 + 8 + 1, Set.copyOf(reads).size(), "every record and output.json, and the dataset, read again: " + reads);
        }
        // and made again: the next start reads nothing
        reads.clear();
        Captured<Map<String, Object>> next = Captured.run(() -> {
            try (LocalPlatform platform = start()) {
                return runs(platform);
            }
        });
        assertEquals(8, rows(next.value).size());
        assertEquals(List.of(), reads, "the cache file was written again");
        assertFalse(next.err.contains("run-index.bin"), next.err);
    }

    @Test
    void requestsDuringTheWarmUpWhileAJobWritesAreCompleteAndCurrent() throws Exception {
        List<String> ids;
        try (LocalPlatform platform = start()) {
            ids = jobs(platform, 120);
            settle();
            runs(platform);
        }
        // 40 outputs changed while down
        for (int i = 0; i < 40; i++) {
            Path file = root.resolve("s3").resolve(LocalPlatform.DEFAULT_BUCKET).resolve(ids.get(i) + "/artifacts/output.json");
            assertTrue(Files.exists(file), file.toString());
            Files.writeString(file, "{\"output\": {\"loss\": " + (2 + i) + "}}");
        }
        try (LocalPlatform platform = start()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(7);
            try {
                // a job rewrites the output.json of runs 100-109 over S3, again and again, while 6 clients ask
                Future<Integer> writer = pool.submit(() -> {
                    int round = 0;
                    while (writing.get() || round < 3) {
                        round++;
                        for (int i = 100; i < 110; i++) {
                            platform.s3().put(ids.get(i) + "/artifacts/output.json",
                                    ("{\"output\": {\"loss\": " + (1000 * round + i) + "}}").getBytes(StandardCharsets.UTF_8), "application/json");
                        }
                    }
                    return round;
                });
                List<Future<Integer>> clients = new ArrayList<>();
                for (int c = 0; c < 6; c++) {
                    clients.add(pool.submit(() -> {
                        for (int r = 0; r < 5; r++) {
                            Map<String, Map<String, Object>> rows = rows(runs(platform));
                            assertEquals(120, rows.size());
                            for (int i = 0; i < 40; i++) {
                                assertEquals(2 + i, ((Number) metric(rows.get(ids.get(i)), "loss")).intValue(), "changed while down");
                            }
                            for (int i = 40; i < 100; i++) {
                                assertEquals(i / 100.0, metric(rows.get(ids.get(i)), "loss"));
                            }
                        }
                        return 5;
                    }));
                }
                for (Future<Integer> c : clients) {
                    assertEquals(5, c.get());
                }
                writing.set(false);
                int rounds = writer.get();
                Map<String, Map<String, Object>> last = rows(runs(platform));
                for (int i = 100; i < 110; i++) {
                    assertEquals(1000 * rounds + i, ((Number) metric(last.get(ids.get(i)), "loss")).intValue(), "the last write of run " + i);
                }
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFileRewrittenWithinItsStampsClockTickIsReadAgain() throws Exception {
        try (LocalPlatform platform = start()) {
            String id = jobs(platform, 1).get(0);
            Path output = platform.s3().file(id + "/artifacts/output.json");
            // a clock that has not ticked since the file was written: its time stays the same for the next write
            FileTime tick = FileTime.from(Instant.now().plusSeconds(60));
            Files.writeString(output, "{\"output\": {\"loss\": 0.25}}");
            Files.setLastModifiedTime(output, tick);
            assertEquals(0.25, metric(rows(runs(platform)).get(id), "loss"));
            Object key = Files.readAttributes(output, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            Files.writeString(output, "{\"output\": {\"loss\": 0.75}}"); // in place, same size
            Files.setLastModifiedTime(output, tick);
            assertEquals(key, Files.readAttributes(output, java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "the same file");
            assertEquals(0.75, metric(rows(runs(platform)).get(id), "loss"), "the second write is seen although the stamp is the same");
        }
    }
}
