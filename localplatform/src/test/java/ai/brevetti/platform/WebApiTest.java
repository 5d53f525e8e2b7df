package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.settings.GenericSettings;
import ai.brevetti.settings.Settings;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call of {@link PlatformApi} that succeeds, over HTTP against a real local platform: what it answers and what it changes. */
class WebApiTest {
    @TempDir
    static Path dir;
    static WebApiFixture f;
    static PlatformApi api;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        f = new WebApiFixture(dir);
        api = f.api;
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    // ---- datasets

    @Test
    void datasetsAreListedGotAndFilteredByTheirFields() {
        Dataset d = api.getDataset(f.dataset.id());
        assertEquals("vial images", d.name());
        assertEquals("ref-1", d.reference());
        assertEquals(List.of(f.childTag.id()), d.tags().stream().map(Tag::id).toList());
        assertEquals("s3://data.criterion.ai/" + d.id(), d.bucket());
        Dataset other = api.createDataset("other", "", "", List.of());
        assertEquals(List.of(d.id()), api.getDatasets(Map.of("name", "vial images")).stream().map(Dataset::id).toList());
        assertEquals(List.of(other.id()), api.getDatasets(Map.of("name", "other", "locked", false)).stream().map(Dataset::id).toList());
        assertTrue(api.getDatasets(Map.of("name", "no such")).isEmpty());
        java.util.NoSuchElementException none = assertThrows(java.util.NoSuchElementException.class,
                () -> api.getDatasets(Map.of("name", "no such")).first());
        assertTrue(none.getMessage().contains("The platform listed no datasets"), "not the job's message: " + none.getMessage());
        Datasets listed = api.getDatasets(Map.of("name", "vial images"));
        assertEquals(List.of("name", "id", "bucket", "reference", "locked"), listed.table().columnNames(), "a listing is a table");
        assertTrue(listed.toString().startsWith("Datasets[1]\nname ") && listed.toString().contains("vial images  " + d.id()), listed.toString());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> api.getDatasets(Map.of("nmae", "x")));
        assertTrue(typo.getMessage().contains("'nmae'") && typo.getMessage().contains("name"), typo.getMessage());
        assertTrue(api.getDatasets().size() >= 2);
    }

    @Test
    void aDatasetIsUpdatedAndALockedOneRefusesWriteCredentials() {
        Dataset d = api.createDataset("to update", "r", "n", List.of());
        Dataset updated = api.updateDataset(d.id(), "updated", "r2", "more notes", List.of(f.rootTag.id()), true);
        assertEquals("updated", updated.name());
        Dataset read = api.getDataset(d.id());
        assertEquals(List.of("updated", "r2", "more notes", true), List.of(read.name(), read.reference(), read.notes(), read.locked()));
        assertEquals(List.of(f.rootTag.id()), read.tags().stream().map(Tag::id).toList());
        PlatformException locked = assertThrows(PlatformException.class, () -> api.getDatasetCredentials(d.id()));
        assertEquals(409, locked.status());
        assertTrue(locked.getMessage().contains("locked"), locked.getMessage());
        assertThrows(PlatformException.class, () -> api.createSftpUser(d.id()));
        api.updateDataset(d.id(), "updated", "r2", "more notes", List.of(), false);
        String xml = api.getDatasetStsAssumeRoleResponse(d.id());
        assertTrue(xml.contains("<AssumeRoleResponse") && xml.contains("<SecretAccessKey>"), xml);
        assertTrue(api.getDatasetCredentials(d.id()).accessKeyId().startsWith("ASIA"));
        assertTrue(api.getDataset(d.id()).tags().isEmpty());
    }

    @Test
    void theUserMayBeGivenARoleOnADatasetAndSeesIt() {
        User user = api.getUserinfo();
        api.updateDatasetPermission(f.dataset.id(), user.id(), null, "Viewer");
        User after = api.getUserinfo();
        assertEquals(List.of("Viewer"), after.permissions().datasets().stream().filter(p -> p.id().equals(f.dataset.id()))
                .map(User.Permission::role).toList());
        api.updateDatasetPermission(f.dataset.id(), user.id());
        assertEquals(List.of("Editor"), api.getUserinfo().permissions().datasets().stream().filter(p -> p.id().equals(f.dataset.id()))
                .map(User.Permission::role).toList(), "Editor by default, replacing the earlier role");
        PlatformException stranger = assertThrows(PlatformException.class,
                () -> api.updateDatasetPermission(f.dataset.id(), "5d8e0f3a-0000-0000-0000-000000000000"));
        assertEquals(404, stranger.status());
        assertTrue(stranger.getMessage().contains(user.id()), "names the user there is: " + stranger.getMessage());
        assertEquals(404, assertThrows(PlatformException.class,
                () -> api.updateDatasetPermission(f.dataset.id(), user.id(), "some-group", "Editor")).status());
        PlatformException role = assertThrows(PlatformException.class,
                () -> api.updateDatasetPermission(f.dataset.id(), user.id(), null, "Boss"));
        assertEquals(400, role.status());
        assertTrue(role.getMessage().contains("Editor"), role.getMessage());
    }

    @Test
    void sftpUsersGetAMatchingKeyPairWhosePrivateKeyIsGivenOnceAndKeptNowhere() throws Exception {
        SftpUser created = api.createSftpUser(f.dataset.id());
        assertEquals(f.dataset.id(), created.folder());
        assertFalse(created.toString().contains("PRIVATE"), "the private key is masked in toString");
        String pem = created.privateKey().reveal();
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        String[] openSsh = created.publicKey().split(" ");
        assertEquals("ssh-rsa", openSsh[0]);
        assertEquals(created.userName(), openSsh[2]);
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(openSsh[1]));
        assertEquals("ssh-rsa", new String(field(blob)));
        assertEquals(privateKey.getPublicExponent(), new BigInteger(field(blob)));
        assertEquals(privateKey.getModulus(), new BigInteger(field(blob)), "the public key is the private key's");
        assertTrue(privateKey.getModulus().bitLength() >= 3072);

        List<SftpUser> listed = api.getSftpUsers(f.dataset.id());
        SftpUser mine = listed.stream().filter(u -> u.userName().equals(created.userName())).findFirst().orElseThrow();
        assertEquals(created.publicKey(), mine.publicKey());
        assertTrue(mine.privateKey().isEmpty(), "a listing has no private key");
        String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        try (Stream<Path> files = Files.walk(f.platform.root())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).contains(body), "the private key is in " + p);
            }
        }
        api.deleteSftpUser(f.dataset.id(), created.userName());
        assertTrue(api.getSftpUsers(f.dataset.id()).stream().noneMatch(u -> u.userName().equals(created.userName())));
        assertEquals(404, assertThrows(PlatformException.class, () -> api.deleteSftpUser(f.dataset.id(), created.userName())).status());
    }

    private static byte[] field(ByteBuffer blob) {
        byte[] bytes = new byte[blob.getInt()];
        blob.get(bytes);
        return bytes;
    }

    // ---- tags

    @Test
    void tagsFormTreesThatAreFoundAndDeletedWithTheirSubTags() {
        Tag root = api.createTag("shape");
        Tag round = api.createTag("round", root.id());
        Tag ball = api.createTag("ball", round.id());
        assertEquals(root.id(), round.parentId().orElseThrow());
        List<Tag> trees = api.getTags();
        assertEquals(List.of(ball.id()), Tag.find(trees, Tag::name, "ball").stream().map(Tag::id).toList());
        assertEquals(List.of(List.of("shape", "round", "ball")), Tag.findPath(trees, Tag::id, ball.id()).stream()
                .map(path -> path.stream().map(Tag::name).toList()).toList());
        assertEquals(List.of("ball"), api.getTag(round.id()).children().stream().map(Tag::name).toList());
        api.deleteTag(round.id());
        assertEquals(List.of(), api.getTag(root.id()).children());
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getTag(ball.id())).status(), "sub-tags go with it");
        assertEquals(404, assertThrows(PlatformException.class, () -> api.deleteTag(round.id())).status());
        api.deleteTag(root.id());
        assertTrue(Tag.find(api.getTags(), Tag::id, root.id()).isEmpty());
    }

    // ---- models and reports

    @Test
    void aModelIsCreatedWithItsTypeApplicationAndSortedSettingsAndReadBack() {
        Model m = api.getModel(f.completed.id());
        assertEquals("trained", m.name());
        assertEquals(PlatformApi.CUSTOM_JOB_TYPE, m.modelTypeId());
        assertEquals("{\"alpha\":0.5,\"epochs\":2}", m.settings(), "settings as JSON text, keys sorted");
        assertEquals(f.application.id(), m.applicationId().orElseThrow());
        assertEquals(List.of(f.dataset.id()), m.datasetIds());
        assertEquals(List.of(f.rootTag.id()), m.tagIds());
        assertTrue(m.completed().isPresent() && m.started().isPresent());
        assertTrue(m.modelUrl().orElseThrow().contains("download?path="), m.modelUrl().toString());
        assertEquals(f.completed.id(), m.jobId().orElseThrow());
        assertTrue(m.apiKey().isEmpty(), "no key but in the answer creating it");
        assertFalse(f.completed.apiKey().isEmpty());
        assertEquals(List.of(f.idle.id()), api.getModels(Map.of("name", "idle")).stream().map(Model::id).toList());
        assertTrue(api.getModels().stream().noneMatch(x -> x.id().equals(f.report.id())), "reports are not models");
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getModel(f.report.id())).status());
        PlatformException type = assertThrows(PlatformException.class,
                () -> api.createModel("typo", List.of(), Map.of(), "no-such-type", List.of(), null));
        assertEquals(400, type.status());
        assertTrue(type.getMessage().contains("no-such-type") && type.getMessage().contains("modeltypes"), type.getMessage());
        assertEquals(400, assertThrows(PlatformException.class,
                () -> api.createModel("typo", List.of(), Map.of(), null, List.of(), "no-such-application")).status());
    }

    @Test
    void trainingStartsStopsAndCannotBeSubmittedToACloudHere() {
        Model m = api.createModel("start and stop", List.of(f.dataset.id()), Map.of(), List.of());
        Model started = api.startModelTraining(m.id());
        assertTrue(started.started().isPresent());
        assertTrue(api.getModel(m.id()).started().isPresent());
        PlatformException cloud = assertThrows(PlatformException.class, () -> api.startModelTraining(m.id(), true));
        assertEquals(501, cloud.status());
        assertTrue(cloud.getMessage().contains("not available on the local platform") && cloud.getMessage().contains("bin/brevettiai run"),
                cloud.getMessage());
        Model stopped = api.stopModelTraining(m.id());
        assertEquals("Training stopped by the user", stopped.failure().orElseThrow());
        assertTrue(stopped.failed().isPresent() && stopped.completed().isEmpty());
        // a new run of the job starts it again
        try (Job<GenericSettings> job = f.job(m.id(), m.apiKey())) {
            assertTrue(api.getModel(m.id()).failed().isEmpty(), "running again");
            job.completeJob();
        }
        assertEquals(409, assertThrows(PlatformException.class, () -> api.stopModelTraining(m.id())).status());
        api.deleteModel(m.id());
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getModel(m.id())).status());
    }

    @Test
    void aTestReportNamesItsModelAndType() {
        assertFalse(f.report.apiKey().isEmpty(), "the answer creating it has its key");
        Report r = api.getReport(f.report.id());
        assertEquals(f.completed.id(), r.parentId().orElseThrow());
        assertEquals("trained", r.parentName());
        assertEquals("model", r.parentType());
        assertEquals(List.of(f.completed.id()), r.modelIds());
        assertEquals(List.of(f.dataset.id()), r.datasetIds(), "the model's datasets by default");
        assertEquals(api.getReporttypes().get(0).id(), r.reportTypeId());
        assertTrue(r.completed().isPresent());
        assertTrue(r.apiKey().isEmpty());
        assertEquals(List.of(r.id()), api.getReports(Map.of("parentId", f.completed.id())).stream().map(Report::id).toList());
        assertTrue(api.getReports().stream().anyMatch(x -> x.id().equals(r.id())));
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getReport(f.completed.id())).status());
    }

    // ---- artifacts and downloads

    @Test
    void artifactsAreListedOneFolderAtATimeOrRecursively() {
        Model m = api.getModel(f.completed.id());
        String archive = m.modelPath().orElseThrow().substring("artifacts/".length());
        List<FileEntry> top = api.getArtifacts(m, "");
        assertEquals(Stream.of("notes.txt", archive, "sub").sorted().toList(), top.stream().filter(e -> !e.name().equals("output.json")).map(FileEntry::name)
                .sorted().toList());
        FileEntry sub = top.stream().filter(e -> e.name().equals("sub")).findFirst().orElseThrow();
        assertTrue(sub.isFolder() && sub.isPrefix() && sub.mimeType().equals("folder"));
        FileEntry notes = top.stream().filter(e -> e.name().equals("notes.txt")).findFirst().orElseThrow();
        assertEquals(9, notes.size());
        assertEquals("text/plain", notes.mimeType());
        assertEquals(List.of("b.json", "deeper"), api.getArtifacts(m, "sub/").stream().map(FileEntry::name).sorted().toList());
        List<String> all = api.getArtifacts(m, "", true).stream().map(FileEntry::name).toList();
        assertTrue(all.containsAll(List.of("notes.txt", "sub/b.json", "sub/deeper/c.bin", archive)), all.toString());
        assertTrue(api.getArtifacts(m, "", true).stream().noneMatch(FileEntry::isFolder));
        assertEquals(List.of("deeper/c.bin"), api.getArtifacts(m, "sub/", true).stream().map(FileEntry::name)
                .filter(n -> n.startsWith("deeper")).toList());
        assertEquals(List.of("predictions.csv"), api.getArtifacts(api.getReport(f.report.id()), "").stream().map(FileEntry::name)
                .filter(n -> !n.equals("output.json")).toList());
    }

    @Test
    void aLinkDownloadsToTheFileTheAnswerNamesOrToTheGivenFile() throws Exception {
        Model m = api.getModel(f.completed.id());
        FileEntry c = api.getArtifacts(m, "sub/deeper/").get(0);
        Path folder = Files.createDirectories(dir.resolve("downloads"));
        Path got = api.downloadUrl(c.link(), folder);
        assertEquals(folder.resolve("c.bin"), got, "named by Content-Disposition");
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, Files.readAllBytes(got));
        Path named = api.downloadUrl(c.link(), dir.resolve("elsewhere/new/name.bin"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, Files.readAllBytes(named));
        Path relative = api.downloadUrl(c.link().substring(api.host().length()), folder.resolve("again.bin"));
        assertEquals(4, Files.size(relative), "a path on the platform is prefixed with its host");
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of("again.bin", "c.bin"), left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        PlatformException missing = assertThrows(PlatformException.class, () -> api.downloadUrl(c.link() + "x", folder));
        assertEquals(404, missing.status());
    }

    @Test
    void anEndpointIsReadAsPlainJson() {
        Object models = api.getEndpoint("/api/models");
        assertTrue(models instanceof List<?> l && l.size() == api.getModels().size(), String.valueOf(models));
        Object model = api.getEndpoint(api.host() + "/api/models/" + f.idle.id());
        assertEquals("idle", ((Map<?, ?>) model).get("name"));
    }

    // ---- types and schemas

    @Test
    void modelAndReportTypesAndTheirSettingsForms() throws Exception {
        List<ModelType> types = api.getModeltypes();
        ModelType custom = types.stream().filter(t -> t.id().equals(PlatformApi.CUSTOM_JOB_TYPE)).findFirst().orElseThrow();
        assertEquals(custom, api.getModeltype(custom.id()));
        assertEquals(custom, api.getModeltype(custom.id(), true));
        assertEquals(types, api.getModeltypes(true));
        assertEquals(types, api.getAvailableModelTypes());
        ReportType test = api.getReporttypes().get(0);
        assertEquals(test, api.getReporttype(test.id()));
        assertEquals(test, api.getReporttype(test.id(), true));
        assertEquals(List.of(test.id()), custom.reportTypeIds());
        assertEquals(List.of(custom.id()), test.modelTypeIds());
        assertTrue(test.canRunOnModels());
        String expected = Settings.getSchema(GenericSettings.class).toJson();
        assertEquals(expected, api.getSchema(custom).toJson());
        assertEquals(expected, api.getSchema(test).toJson());
        // the form is public, as the platform's are: no token needed, none sent
        HttpResponse<String> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(custom.settingsSchemaPath())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, open.statusCode());
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getModeltype("no-such-type")).status());
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getReporttype(custom.id())).status());
    }

    // ---- projects, devices, the user

    @Test
    void projectsHoldApplicationsWithTheirDatasetsAndModels() {
        Project p = api.getProject(f.project.id());
        assertEquals(List.of("vials", "the vials project"), List.of(p.name(), p.description()));
        Application a = p.applications().get(0);
        assertEquals(Application.CLASSIFICATION, a.type());
        assertEquals(List.of(f.completed.id()), a.modelIds(), "the models created in it");
        assertEquals(List.of(f.dataset.id()), a.trainingDatasetIds());
        Dataset more = api.createDataset("more", "", "", List.of(), a.id());
        Application after = api.getApplication(a.id());
        assertEquals(List.of(f.dataset.id(), more.id()), after.trainingDatasetIds(), "a dataset created in it is added");
        assertTrue(api.getProjects().stream().anyMatch(x -> x.id().equals(p.id())));
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getApplication("no-such-application")).status());
        assertEquals(400, assertThrows(PlatformException.class,
                () -> api.createApplication(p.id(), "bad", "", List.of("no-such-dataset"), List.of())).status());
        assertEquals(400, assertThrows(PlatformException.class, () -> api.createDataset("x", "", "", List.of(), "no-such-application")).status());
        assertEquals(404, assertThrows(PlatformException.class,
                () -> api.createApplication("no-such-project", "x", "", List.of(), List.of())).status());
    }

    @Test
    void devicesAreTheRecordsInTheRootAndNoneByDefault() throws Exception {
        assertEquals(List.of(), api.getDevices());
        Path devices = Files.createDirectories(f.platform.root().resolve("platform/devices"));
        Files.writeString(devices.resolve("d1.json"), "{\"id\": \"d1\", \"name\": \"line 3 camera\", \"created\": \"2024-01-02\","
                + " \"firmwareVersion\": \"1.2\", \"tagIds\": [\"t\"], \"applications\": [\"a1\"], \"datasets\": [], \"deployments\": [],"
                + " \"actualConfiguration\": \"x\", \"desiredConfiguration\": null, \"password\": \"hunter2\", \"futureField\": {\"a\": 1}}");
        Device d = api.getDevices().get(0);
        assertEquals(d, api.getDevice("d1"));
        assertEquals(List.of("line 3 camera", "1.2", "hunter2"), List.of(d.name(), d.firmwareVersion(), d.password().reveal()));
        assertEquals(List.of("a1"), d.applications());
        assertFalse(d.toString().contains("hunter2"), d.toString());
        assertEquals(404, assertThrows(PlatformException.class, () -> api.getDevice("d2")).status());
        Files.delete(devices.resolve("d1.json"));
    }

    @Test
    void theUserIsThePlatformsOneUserWhoOwnsEverything() {
        User u = api.getUserinfo();
        assertEquals(System.getProperty("user.name"), u.username());
        assertEquals(u, api.getUserinfo(), "the same user every time");
        assertTrue(u.isAdmin() && u.hasAccessToMasterMode());
        assertTrue(u.permissions().models().stream().anyMatch(p -> p.id().equals(f.completed.id()) && p.role().equals("Owner")));
        assertTrue(u.permissions().projects().stream().anyMatch(p -> p.id().equals(f.project.id())));
        assertTrue(u.apiKey().isEmpty(), "the platform's token is never shown");
    }
}
