package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.StsCredentials;
import ai.brevetti.settings.GenericSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Every S3 operation a job's (or a dataset's) temporary credentials can send, with every spelling of a key
 * that tries to leave the credential's folder ({@link KeySpelling}), through the AWS SDK against the local
 * platform's S3 server, and through {@code job.io()}. A check passes when the server refuses the spelling
 * (403 AccessDenied) or, for a spelling that is just an unusual key, keeps it inside the folder; and in
 * every case no file outside the credential's writable folder changed and no other job's API key or dataset
 * content came back.
 */
class S3IsolationTest {
    static final String BUCKET = LocalPlatform.DEFAULT_BUCKET;

    @TempDir
    static Path dir;

    static LocalPlatform platform;
    static Path bucketDir;
    static Model attacker;
    static Model victim;
    static Dataset ownDataset;
    static Dataset otherDataset;
    static String victimSecret;
    static String victimInfo;
    static final String DATASET_SECRET = "dataset-secret-" + UUID.randomUUID();
    static final RawS3Requests RAW = new RawS3Requests();
    static Grant job;
    static Grant datasetRead;
    static Grant datasetUpload;
    static S3Client victimClient;
    static S3Client otherDatasetClient;
    static String ownUploadId;
    static Job<GenericSettings> attackerJob;

    /** A credential under test: its client, the folder it may write (if any) and a folder it may read. */
    record Grant(String name, S3Client client, String own, boolean writes) {}

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        bucketDir = platform.root().resolve("s3").resolve(BUCKET);
        PlatformApi api = platform.api();
        ownDataset = api.createDataset("own", "", "", List.of());
        otherDataset = api.createDataset("other", "", "", List.of());
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.writeString(images.resolve("1.bmp"), "own dataset file");
        api.uploadFolder(ownDataset, images);
        otherDatasetClient = client(api.getDatasetCredentials(otherDataset.id()));
        victim = api.createModel("victim", List.of(otherDataset.id()), Map.of(), List.of());
        victimSecret = victim.apiKey().reveal();
        attacker = api.createModel("attacker", List.of(ownDataset.id()), Map.of(), List.of());
        victimClient = client(credentials(victim, null));
        victimInfo = Files.readString(bucketDir.resolve(victim.id() + "/info.json"));
        assertTrue(victimInfo.contains(victimSecret));
        job = new Grant("job", client(credentials(attacker, null)), attacker.id() + "/", true);
        datasetRead = new Grant("dataset read", client(credentials(attacker, ownDataset.id())), ownDataset.id() + "/", false);
        datasetUpload = new Grant("dataset upload", client(api.getDatasetCredentials(ownDataset.id())), ownDataset.id() + "/", true);
        restoreFixtures();
        job.client().putObject(b -> b.bucket(BUCKET).key(job.own() + "artifacts/mine.txt"), RequestBody.fromString("mine"));
        try {
            ownUploadId = job.client().createMultipartUpload(b -> b.bucket(BUCKET).key(job.own() + "artifacts/upload.bin")).uploadId();
        } catch (S3Exception e) {
            ownUploadId = "no-upload"; // aJobUploadsInPartsIntoItsOwnFolder says why
        }
        attackerJob = Job.builder(GenericSettings.class).jobId(attacker.id()).apiKey(attacker.apiKey().reveal())
                .host(platform.url()).args().environment(Map.of()).init();
    }

    @AfterAll
    static void stop() {
        if (attackerJob != null) {
            attackerJob.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static StsCredentials credentials(Model model, String datasetId) throws Exception {
        String url = platform.url() + "/api/models/" + model.id() + "/securitycredentials?key=" + model.apiKey().reveal()
                + (datasetId == null ? "" : "&datasetId=" + datasetId);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return StsCredentials.parse(r.body(), "the local platform");
    }

    static S3Client client(StsCredentials c) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(c.endpoint().orElseThrow()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey().reveal(), c.sessionToken().reveal())))
                .httpClient(RAW.httpClient(Apache5HttpClient.create()))
                .overrideConfiguration(o -> o.addExecutionInterceptor(RAW)).build();
    }

    /** The other job's and the other dataset's files every check aims at; put back when an attack removed them. */
    static void restoreFixtures() {
        if (!Files.exists(bucketDir.resolve(victim.id() + "/artifacts/keep.txt"))) {
            victimClient.putObject(b -> b.bucket(BUCKET).key(victim.id() + "/artifacts/keep.txt"), RequestBody.fromString("keep"));
        }
        if (!Files.exists(bucketDir.resolve(otherDataset.id() + "/secret.txt"))) {
            otherDatasetClient.putObject(b -> b.bucket(BUCKET).key(otherDataset.id() + "/secret.txt"), RequestBody.fromString(DATASET_SECRET));
        }
        Path info = bucketDir.resolve(victim.id() + "/info.json");
        try {
            if (!Files.exists(info) || !Files.readString(info).equals(victimInfo)) {
                victimClient.putObject(b -> b.bucket(BUCKET).key(victim.id() + "/info.json"), RequestBody.fromString(victimInfo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the checks

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesEverySpellingOfAKeyOutsideTheGrant() {
        List<DynamicTest> checks = new ArrayList<>();
        for (KeySpelling s : KeySpelling.all()) {
            for (Grant g : List.of(job, datasetRead, datasetUpload)) {
                String own = g.own();
                String v = victim.id() + "/";
                checks.add(check(g, s, "GET", () -> get(g, s, s.key(own, v + "info.json"))));
                checks.add(check(g, s, "GET other dataset", () -> get(g, s, s.key(own, otherDataset.id() + "/secret.txt"))));
                checks.add(check(g, s, "HEAD", () -> head(g, s, s.key(own, v + "info.json"))));
                checks.add(check(g, s, "PUT", () -> put(g, s, s.key(own, v + "artifacts/planted.txt"))));
                checks.add(check(g, s, "PUT into a dataset", () -> put(g, s, s.key(own, otherDataset.id() + "/planted.txt"))));
                checks.add(check(g, s, "DELETE", () -> delete(g, s, s.key(own, v + "artifacts/keep.txt"))));
                checks.add(check(g, s, "COPY source", () -> copyFrom(g, s, s.key(own, v + "info.json"))));
                checks.add(check(g, s, "COPY destination", () -> copyTo(g, s, s.key(own, v + "artifacts/planted.txt"))));
                checks.add(check(g, s, "LIST prefix", () -> list(g, s, s.decodedKey(own, v))));
                checks.add(check(g, s, "multipart create", () -> createUpload(g, s, s.key(own, v + "artifacts/planted.txt"))));
                checks.add(check(g, s, "DELETE objects (batch)", () -> deleteBatch(g, s, s.decodedKey(own, v + "artifacts/keep.txt"))));
                if (g == job) {
                    String target = s.key(own, v + "artifacts/planted.txt");
                    checks.add(check(g, s, "multipart upload part", () -> uploadPart(g, s, target)));
                    checks.add(check(g, s, "multipart complete", () -> completeUpload(g, s, target)));
                    checks.add(check(g, s, "multipart abort", () -> abortUpload(g, s, target)));
                    checks.add(check(g, s, "multipart part copy source", () -> copyPart(g, s, s.key(own, v + "info.json"))));
                    String io = "s3://" + BUCKET + "/";
                    checks.add(check(g, s, "job.io() readFile", () -> ioRead(io + s.key(own, v + "info.json"))));
                    checks.add(check(g, s, "job.io() writeFile", () -> ioWrite(io + s.key(own, v + "artifacts/planted.txt"))));
                    checks.add(check(g, s, "job.io() remove", () -> ioRemove(io + s.key(own, v + "artifacts/keep.txt"))));
                    checks.add(check(g, s, "job.io() exists", () -> ioExists(io + s.key(own, v + "info.json"))));
                    checks.add(check(g, s, "job.io() walk", () -> ioWalk(io + s.key(own, v))));
                    checks.add(check(g, s, "job.io() move in", () -> ioMove(io + s.key(own, v + "info.json"), io + own + "artifacts/stolen.txt")));
                    checks.add(check(g, s, "job.io() move out", () -> ioMove(io + own + "artifacts/mine.txt", io + s.key(own, v + "artifacts/planted.txt"))));
                }
            }
        }
        return checks.stream();
    }

    /** Wraps one attempt: afterwards nothing outside the grant's folder changed and no secret came back. */
    static DynamicTest check(Grant g, KeySpelling s, String operation, Supplier<String> attempt) {
        String name = g.name() + " | " + operation + " | " + s.name();
        return DynamicTest.dynamicTest(name, () -> {
            try {
                restoreFixtures();
                Map<String, String> before = files(platform.root());
                String answer = attempt.get();
                Map<String, String> after = files(platform.root());
                assertEquals(outside(g, before), outside(g, after), "files outside " + g.own() + " changed");
                assertNoSecret(answer, "the answer");
                for (Map.Entry<String, String> f : after.entrySet()) {
                    if (!f.getValue().equals(before.get(f.getKey()))) {
                        assertNoSecret(Files.readString(platform.root().resolve(f.getKey()), StandardCharsets.ISO_8859_1), f.getKey());
                    }
                }
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        });
    }

    /** The request is refused as access denied, for spellings that must be refused; else it may do as it likes. */
    static String refused(KeySpelling s, Supplier<String> call, boolean head) {
        if (!s.refused()) {
            try {
                return call.get();
            } catch (S3Exception e) {
                return e.getMessage();
            }
        }
        S3Exception e = assertThrows(S3Exception.class, call::get, "the server answered the request");
        if (s.status() == 400 && e.statusCode() == 400) {
            return e.getMessage(); // the HTTP server refused the URL
        }
        assertEquals(403, e.statusCode(), e.getMessage());
        if (!head) {
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), e.getMessage());
        }
        return e.getMessage();
    }

    static String placeholder(Grant g) {
        return RawS3Requests.PLACEHOLDER;
    }

    static String get(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null, () -> {
            ResponseBytes<?> bytes = g.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(s.raw() ? placeholder(g) : key));
            return bytes.asUtf8String();
        }), false);
    }

    static String head(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null,
                () -> g.client().headObject(b -> b.bucket(BUCKET).key(s.raw() ? placeholder(g) : key)).toString()), true);
    }

    static String put(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null, () -> g.client().putObject(
                b -> b.bucket(BUCKET).key(s.raw() ? placeholder(g) : key), RequestBody.fromString("planted")).toString()), false);
    }

    static String delete(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null,
                () -> g.client().deleteObject(b -> b.bucket(BUCKET).key(s.raw() ? placeholder(g) : key)).toString()), false);
    }

    static String copyFrom(Grant g, KeySpelling s, String source) {
        String destination = (g.writes() ? g.own() : job.own()) + "artifacts/stolen.txt";
        return refused(s, () -> {
            Supplier<String> copy = () -> g.client().copyObject(b -> b.sourceBucket(BUCKET).sourceKey(s.raw() ? placeholder(g) : source)
                    .destinationBucket(BUCKET).destinationKey(destination)).toString();
            return s.raw() ? RAW.withCopySource(BUCKET, source, copy) : copy.get();
        }, false);
    }

    static String copyTo(Grant g, KeySpelling s, String destination) {
        String source = g.own() + (g == job ? "artifacts/mine.txt" : "1.bmp");
        return refused(s, () -> RAW.withKey(s.raw() ? destination : null, () -> g.client().copyObject(b -> b.sourceBucket(BUCKET)
                .sourceKey(source).destinationBucket(BUCKET).destinationKey(s.raw() ? placeholder(g) : destination)).toString()), false);
    }

    static String list(Grant g, KeySpelling s, String prefix) {
        return refused(s, () -> {
            List<S3Object> found = g.client().listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents();
            for (S3Object o : found) {
                assertTrue(o.key().startsWith(g.own()), "listed " + o.key() + " outside " + g.own());
            }
            return found.toString();
        }, false);
    }

    static String createUpload(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null, () -> {
            String id = g.client().createMultipartUpload(b -> b.bucket(BUCKET).key(s.raw() ? placeholder(g) : key)).uploadId();
            // an upload the server accepted: complete it, as an attacker would
            var etag = RAW.withKey(s.raw() ? key : null, () -> g.client().uploadPart(b -> b.bucket(BUCKET)
                    .key(s.raw() ? placeholder(g) : key).uploadId(id).partNumber(1), RequestBody.fromString("planted")).eTag());
            return RAW.withKey(s.raw() ? key : null, () -> g.client().completeMultipartUpload(b -> b.bucket(BUCKET)
                    .key(s.raw() ? placeholder(g) : key).uploadId(id)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).toString());
        }), false);
    }

    static String uploadPart(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null, () -> g.client().uploadPart(b -> b.bucket(BUCKET)
                .key(s.raw() ? placeholder(g) : key).uploadId(ownUploadId).partNumber(1), RequestBody.fromString("planted")).toString()), false);
    }

    static String completeUpload(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null, () -> g.client().completeMultipartUpload(b -> b.bucket(BUCKET)
                .key(s.raw() ? placeholder(g) : key).uploadId(ownUploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"00\"").build()))).toString()), false);
    }

    static String abortUpload(Grant g, KeySpelling s, String key) {
        return refused(s, () -> RAW.withKey(s.raw() ? key : null, () -> g.client().abortMultipartUpload(b -> b.bucket(BUCKET)
                .key(s.raw() ? placeholder(g) : key).uploadId(ownUploadId)).toString()), false);
    }

    static String copyPart(Grant g, KeySpelling s, String source) {
        return refused(s, () -> {
            Supplier<String> copy = () -> g.client().uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey(s.raw() ? placeholder(g) : source)
                    .destinationBucket(BUCKET).destinationKey(g.own() + "artifacts/upload.bin").uploadId(ownUploadId).partNumber(2)).toString();
            return s.raw() ? RAW.withCopySource(BUCKET, source, copy) : copy.get();
        }, false);
    }

    static String deleteBatch(Grant g, KeySpelling s, String key) {
        if (key.indexOf('\0') >= 0) {
            return "XML cannot carry a NUL"; // the request could not name this key
        }
        DeleteObjectsResponse r;
        try {
            r = g.client().deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(ObjectIdentifier.builder().key(key).build())));
        } catch (S3Exception e) {
            if (s.refused()) {
                assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), e.getMessage());
            }
            return e.getMessage();
        }
        if (s.refused()) {
            assertTrue(r.deleted().isEmpty(), "deleted " + r.deleted());
            assertEquals(List.of("AccessDenied"), r.errors().stream().map(e -> e.code()).toList(), r.toString());
        }
        return r.toString();
    }

    static String ioRead(String path) {
        try {
            return new String(attackerJob.io().readFile(path), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static String ioWrite(String path) {
        try {
            return attackerJob.io().writeFile(path, "planted");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static String ioRemove(String path) {
        try {
            attackerJob.io().remove(path);
            return "removed";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static String ioExists(String path) {
        try {
            assertFalse(attackerJob.io().exists(path), path + " exists for the attacker");
            return "no";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static String ioWalk(String path) {
        try {
            return attackerJob.io().walk(path).toString();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static String ioMove(String from, String to) {
        try {
            attackerJob.io().move(from, to);
            return attackerJob.io().readText(to);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    // ---- what must keep working

    @Test
    void aJobUploadsInPartsIntoItsOwnFolder() throws Exception {
        S3Client c = job.client();
        String key = job.own() + "artifacts/parts.bin";
        String id = c.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        byte[] first = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(first, (byte) 'a');
        String e1 = c.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String e2 = c.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromString("end")).eTag();
        assertEquals(2, c.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id)).parts().size());
        c.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        assertEquals(first.length + 3, Files.size(bucketDir.resolve(key)));
        String aborted = c.createMultipartUpload(b -> b.bucket(BUCKET).key(job.own() + "artifacts/aborted.bin")).uploadId();
        c.abortMultipartUpload(b -> b.bucket(BUCKET).key(job.own() + "artifacts/aborted.bin").uploadId(aborted));
        assertFalse(Files.exists(bucketDir.resolve(job.own() + "artifacts/aborted.bin")));
        // another job cannot use this job's upload id with its own key, nor this job's key
        String other = c.createMultipartUpload(b -> b.bucket(BUCKET).key(job.own() + "artifacts/other.bin")).uploadId();
        denied(() -> victimClient.uploadPart(b -> b.bucket(BUCKET).key(job.own() + "artifacts/other.bin").uploadId(other).partNumber(1),
                RequestBody.fromString("x")));
        denied(() -> victimClient.abortMultipartUpload(b -> b.bucket(BUCKET).key(job.own() + "artifacts/other.bin").uploadId(other)));
        c.abortMultipartUpload(b -> b.bucket(BUCKET).key(job.own() + "artifacts/other.bin").uploadId(other));
    }

    /**
     * Every method of S3Proxy's store is decided by the grant's view: declared by ScopedBlobStore, or a default
     * of the interface that only calls declared ones (read from S3Proxy 4.1's bytecode). A method S3Proxy
     * adds fails this test until it is decided.
     */
    @Test
    void everyMethodOfTheStoreIsDecidedByTheGrantView() {
        List<String> routedDefaults = List.of(
                "list(ListBucketsRequest)", // -> list()
                "list(String)", "listV1(ListObjectsRequest)", // -> list(ListObjectsV2Request)
                "containerExists(String)", // -> headBucket
                "createContainer(String)", // -> createContainer(CreateBucketRequest)
                "blobMetadata(String,String)", "blobMetadataIfPresent(HeadObjectRequest)", // -> blobMetadata(HeadObjectRequest)
                "blobMetadataIfPresent(String,String)", // -> blobMetadataIfPresent(HeadObjectRequest)
                "getBlob(String,String)", // -> getBlob(GetObjectRequest)
                "removeBlob(String,String)", "removeBlob(String,String,String)", // -> removeBlob(DeleteObjectRequest)
                "removeBlobs(DeleteObjectsRequest)", // -> removeBlob(DeleteObjectRequest) per key
                "getBucketVersioning(String)", "putBucketVersioning(String,BucketVersioningStatus)",
                "getBucketEncryption(String)", "putBucketEncryption(String,ServerSideEncryptionConfiguration)",
                "deleteBucketEncryption(String)", // -> their request forms, declared
                "supportsVersioning()", "supportsServerSideEncryption()", "supportsBucketEncryption()",
                "getMinimumMultipartPartSize()"); // answers about the store, no data
        List<String> undecided = new ArrayList<>();
        for (java.lang.reflect.Method m : org.gaul.s3proxy.blobstore.BlobStore.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String signature = m.getName() + "(" + String.join(",", Stream.of(m.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
            try {
                var unused = ScopedBlobStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes()); // throws when not overridden
            } catch (NoSuchMethodException e) {
                if (!routedDefaults.contains(signature)) {
                    undecided.add(signature);
                }
            }
        }
        assertEquals(List.of(), undecided, "methods of S3Proxy's BlobStore that ScopedBlobStore does not decide");
    }

    @Test
    void thePlatformsOwnListingsRefuseKeysThatLeaveTheirFolder() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String prefix : List.of("../" + victim.id() + "/", "..%2F" + victim.id(), "%2e%2e/%2e%2e/" + victim.id() + "/",
                "x/../../../" + victim.id() + "/", "..%5C" + victim.id())) {
            String url = platform.url() + "/api/models/" + attacker.id() + "/artifacts?prefix=" + prefix.replace("/", "%2F");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), prefix + ": " + r.body());
            assertFalse(r.body().contains("keep.txt") || r.body().contains("info.json"), r.body());
        }
    }

    // ---- whole-bucket and bucket-level requests

    @Test
    void noCredentialListsTheBucketOrChangesItsSettings() {
        for (Grant g : List.of(job, datasetRead, datasetUpload)) {
            S3Client c = g.client();
            for (String prefix : new String[] {null, "", "/", "a", victim.id(), victim.id().substring(0, 8)}) {
                try {
                    List<S3Object> found = c.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents();
                    found.forEach(o -> assertTrue(o.key().startsWith(g.own()), g.name() + " listed " + o.key()));
                } catch (S3Exception e) {
                    assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), e.getMessage());
                }
            }
            denied(() -> c.listObjects(b -> b.bucket(BUCKET)));
            denied(() -> c.listObjectVersions(b -> b.bucket(BUCKET)));
            denied(() -> c.listObjectVersions(b -> b.bucket(BUCKET).prefix(victim.id() + "/")));
            denied(() -> c.listMultipartUploads(b -> b.bucket(BUCKET)));
            denied(() -> c.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
            denied(() -> c.putBucketEncryption(b -> b.bucket(BUCKET).serverSideEncryptionConfiguration(e -> e.rules(
                    r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
            denied(() -> c.deleteBucketEncryption(b -> b.bucket(BUCKET)));
            denied(() -> c.putBucketAcl(b -> b.bucket(BUCKET).acl("public-read")));
            denied(() -> c.getObjectAcl(b -> b.bucket(BUCKET).key(victim.id() + "/info.json")));
            denied(() -> c.putObjectAcl(b -> b.bucket(BUCKET).key(victim.id() + "/info.json").acl(ObjectCannedACL.PUBLIC_READ)));
            denied(() -> c.deleteBucket(b -> b.bucket(BUCKET)));
            denied(() -> c.createBucket(b -> b.bucket("another-bucket")));
        }
        assertFalse(Files.exists(platform.root().resolve("s3/another-bucket")));
    }

    /** Refused: access denied, or (versioning) not implemented by the store at all. */
    static void denied(Supplier<?> call) {
        S3Exception e = assertThrows(S3Exception.class, call::get);
        assertTrue(e.statusCode() == 403 || e.statusCode() == 501, e.getMessage());
    }

    @Test
    void requestsWithoutCredentialsAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = platform.s3Endpoint() + "/" + BUCKET;
        for (String url : List.of(base + "/" + victim.id() + "/info.json", base + "/", base + "?list-type=2",
                base + "/" + otherDataset.id() + "/secret.txt")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), url + ": " + r.body());
            assertNoSecret(r.body(), url);
        }
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/" + otherDataset.id() + "/anonymous.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("planted")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, put.statusCode(), put.body());
        assertFalse(Files.exists(bucketDir.resolve(otherDataset.id() + "/anonymous.txt")));
    }

    // ---- what the file system shows

    /** Every file under {@code root}: path (relative) to size and hash. */
    static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.size(p) + " " + sha(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files outside what the grant may write (its folder and its own pending uploads). */
    static Map<String, String> outside(Grant g, Map<String, String> files) {
        String bucket = platform.root().relativize(bucketDir) + "/";
        Map<String, String> out = new TreeMap<>(files);
        // the platform's own summary of the runs (RunIndexFile) follows an allowed write into the grant's folder;
        // it is checked for secrets with every other changed file
        out.remove("platform/" + RunIndexFile.NAME);
        if (g.writes()) {
            out.keySet().removeIf(f -> f.startsWith(bucket + g.own()) || f.matches(java.util.regex.Pattern.quote(bucket)
                    + "\\.mpus-[0-9a-f-]{36}-" + java.util.regex.Pattern.quote(g.own()) + ".*")
                    || f.equals(bucket + ".s3proxy-mpu-stub-" + ownUploadId));
        }
        return out;
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertNoSecret(String text, String where) {
        if (text != null && (text.contains(victimSecret) || text.contains(DATASET_SECRET))) {
            fail(where + " holds another job's API key or another dataset's content");
        }
    }

}
