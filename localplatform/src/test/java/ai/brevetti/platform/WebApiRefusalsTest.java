package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of {@link PlatformApi} refused, over HTTP against a real local platform: without the user's
 * token or with another (401, nothing changed), on ids the platform does not have (404 naming the id); and
 * every call against a platform whose answers carry fields the client does not know ({@link JsonAddingProxy}).
 */
class WebApiRefusalsTest {
    static final String UNKNOWN = "0badc0de-0000-4000-8000-00000000dead";

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

    /** One call of the API, named. */
    interface Call {
        void run(PlatformApi api) throws Exception;
    }

    /** Every call that needs the user's token, on the fixture's records. */
    static Map<String, Call> everyCall() {
        Map<String, Call> calls = new LinkedHashMap<>();
        String dataset = f.dataset.id();
        calls.put("getDatasets", a -> a.getDatasets());
        calls.put("getDataset", a -> a.getDataset(dataset));
        calls.put("createDataset", a -> a.createDataset("intruder", "", "", List.of()));
        calls.put("updateDataset", a -> a.updateDataset(dataset, "intruder", "", "", List.of(), true));
        calls.put("updateDatasetPermission", a -> a.updateDatasetPermission(dataset, "someone"));
        calls.put("getDatasetStsAssumeRoleResponse", a -> a.getDatasetStsAssumeRoleResponse(dataset));
        calls.put("getDatasetCredentials", a -> a.getDatasetCredentials(dataset));
        calls.put("uploadFolder", a -> a.uploadFolder(f.dataset, dir.resolve("images")));
        calls.put("getSftpUsers", a -> a.getSftpUsers(dataset));
        calls.put("createSftpUser", a -> a.createSftpUser(dataset));
        calls.put("deleteSftpUser", a -> a.deleteSftpUser(dataset, "sftp-user"));
        calls.put("getTags", a -> a.getTags());
        calls.put("getTag", a -> a.getTag(f.rootTag.id()));
        calls.put("createTag", a -> a.createTag("intruder"));
        calls.put("deleteTag", a -> a.deleteTag(f.childTag.id()));
        calls.put("getModels", a -> a.getModels());
        calls.put("getModel", a -> a.getModel(f.idle.id()));
        calls.put("createModel", a -> a.createModel("intruder", List.of(), Map.of(), List.of()));
        calls.put("deleteModel", a -> a.deleteModel(f.idle.id()));
        calls.put("startModelTraining", a -> a.startModelTraining(f.idle.id()));
        calls.put("stopModelTraining", a -> a.stopModelTraining(f.idle.id()));
        calls.put("createTestReport", a -> a.createTestReport(f.completed.id(), List.of()));
        calls.put("getReports", a -> a.getReports());
        calls.put("getReport", a -> a.getReport(f.report.id()));
        calls.put("getArtifacts(model)", a -> a.getArtifacts(f.completed, ""));
        calls.put("getArtifacts(report)", a -> a.getArtifacts(f.report, ""));
        calls.put("downloadUrl", a -> a.downloadUrl(f.api.getArtifacts(f.completed, "").get(0).link(), Files.createDirectories(dir.resolve("x"))));
        calls.put("getEndpoint", a -> a.getEndpoint("/api/models"));
        calls.put("getModeltypes", a -> a.getModeltypes());
        calls.put("getModeltypes(master)", a -> a.getModeltypes(true));
        calls.put("getModeltype", a -> a.getModeltype(PlatformApi.CUSTOM_JOB_TYPE));
        calls.put("getAvailableModelTypes", a -> a.getAvailableModelTypes());
        calls.put("getReporttypes", a -> a.getReporttypes());
        calls.put("getReporttype", a -> a.getReporttype(f.report.reportTypeId()));
        calls.put("getProjects", a -> a.getProjects());
        calls.put("getProject", a -> a.getProject(f.project.id()));
        calls.put("getApplication", a -> a.getApplication(f.application.id()));
        calls.put("createProject", a -> a.createProject("intruder", ""));
        calls.put("createApplication", a -> a.createApplication(f.project.id(), "intruder", "", List.of(), List.of()));
        calls.put("getDevices", a -> a.getDevices());
        calls.put("getDevice", a -> a.getDevice("d1"));
        calls.put("getUserinfo", a -> a.getUserinfo());
        return calls;
    }

    /** What the calls could change: counts and states, to compare before and after. */
    static List<Object> state() {
        return List.of(api.getDatasets().stream().map(d -> d.name() + d.locked()).toList(), api.getModels().stream()
                .map(m -> m.id() + m.started() + m.failed()).toList(), api.getReports().size(), api.getTags().toString(),
                api.getProjects().toString(), api.getSftpUsers(f.dataset.id()).size());
    }

    @Test
    void everyCallWithoutTheTokenOrWithAnotherIsRefusedWith401AndChangesNothing() throws Exception {
        List<Object> before = state();
        PlatformApi none = PlatformApi.connect(f.platform.url(), PlatformTokens.in(Files.createDirectories(dir.resolve("empty-config"))));
        PlatformApi wrong = api.withToken("not-this-platforms-token-" + "x".repeat(20));
        List<String> failures = new ArrayList<>();
        everyCall().forEach((name, call) -> {
            for (PlatformApi caller : List.of(none, wrong)) {
                String who = caller == none ? " without a token" : " with another token";
                try {
                    call.run(caller);
                    failures.add(name + who + ": not refused");
                } catch (PlatformException e) {
                    if (e.status() != 401) {
                        failures.add(name + who + ": " + e.status() + " " + e.getMessage());
                    } else if (!e.getMessage().contains("not authorized") || e.getMessage().contains(f.platform.accessToken().reveal())) {
                        failures.add(name + who + ": the 401 does not say so, or shows the token: " + e.getMessage());
                    }
                } catch (Exception e) {
                    failures.add(name + who + ": " + e);
                }
            }
        });
        assertEquals(List.of(), failures);
        assertEquals(before, state(), "nothing was created, changed or deleted");
    }

    @Test
    void everyCallOnAnIdThePlatformDoesNotHaveIs404NamingIt() {
        Model noModel = Model.fromMap(Map.of("id", UNKNOWN));
        Report noReport = Report.fromMap(Map.of("id", UNKNOWN));
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("getDataset", a -> a.getDataset(UNKNOWN));
        calls.put("updateDataset", a -> a.updateDataset(UNKNOWN, "x", "", "", List.of(), false));
        calls.put("updateDatasetPermission", a -> a.updateDatasetPermission(UNKNOWN, a.getUserinfo().id()));
        calls.put("getDatasetStsAssumeRoleResponse", a -> a.getDatasetStsAssumeRoleResponse(UNKNOWN));
        calls.put("getSftpUsers", a -> a.getSftpUsers(UNKNOWN));
        calls.put("createSftpUser", a -> a.createSftpUser(UNKNOWN));
        calls.put("deleteSftpUser", a -> a.deleteSftpUser(UNKNOWN, "sftp-user"));
        calls.put("deleteSftpUser (unknown user)", a -> a.deleteSftpUser(f.dataset.id(), UNKNOWN));
        calls.put("getTag", a -> a.getTag(UNKNOWN));
        calls.put("deleteTag", a -> a.deleteTag(UNKNOWN));
        calls.put("getModel", a -> a.getModel(UNKNOWN));
        calls.put("deleteModel", a -> a.deleteModel(UNKNOWN));
        calls.put("startModelTraining", a -> a.startModelTraining(UNKNOWN));
        calls.put("stopModelTraining", a -> a.stopModelTraining(UNKNOWN));
        calls.put("createTestReport", a -> a.createTestReport(UNKNOWN, List.of()));
        calls.put("getReport", a -> a.getReport(UNKNOWN));
        calls.put("getArtifacts(model)", a -> a.getArtifacts(noModel, ""));
        calls.put("getArtifacts(report)", a -> a.getArtifacts(noReport, ""));
        calls.put("downloadUrl", a -> a.downloadUrl("/download?path=" + UNKNOWN + "/artifacts/x.txt", dir));
        calls.put("getEndpoint", a -> a.getEndpoint("/api/models/" + UNKNOWN));
        calls.put("getModeltype", a -> a.getModeltype(UNKNOWN));
        calls.put("getReporttype", a -> a.getReporttype(UNKNOWN));
        calls.put("getProject", a -> a.getProject(UNKNOWN));
        calls.put("getApplication", a -> a.getApplication(UNKNOWN));
        calls.put("createApplication", a -> a.createApplication(UNKNOWN, "x", "", List.of(), List.of()));
        calls.put("getDevice", a -> a.getDevice(UNKNOWN));
        List<String> failures = new ArrayList<>();
        calls.forEach((name, call) -> {
            try {
                call.run(api);
                failures.add(name + ": not refused");
            } catch (PlatformException e) {
                if (e.status() != 404 || !e.getMessage().contains(UNKNOWN)) {
                    failures.add(name + ": " + e.status() + " " + e.getMessage());
                }
            } catch (Exception e) {
                failures.add(name + ": " + e);
            }
        });
        assertEquals(List.of(), failures);
    }

    @Test
    void anIdCannotReachAnotherEndpoint() {
        // '/', '?' and '..' in an id stay in its path segment: the platform refuses the id, it does not serve another route
        for (String id : List.of("../models", f.idle.id() + "/artifacts", "?prefix=x", f.idle.id() + "#x")) {
            PlatformException e = assertThrows(PlatformException.class, () -> api.getModel(id));
            assertTrue(e.status() == 400 || e.status() == 404, id + ": " + e.status());
        }
        assertThrows(IllegalArgumentException.class, () -> api.getModel(" "));
    }

    @Test
    void everyCallReadsAnswersWithFieldsItDoesNotKnow() throws Exception {
        Path devices = Files.createDirectories(f.platform.root().resolve("platform/devices"));
        Files.writeString(devices.resolve("d1.json"), "{\"id\": \"d1\", \"name\": \"cam\", \"applications\": [\"a\"], \"password\": \"pw\"}");
        try (JsonAddingProxy proxy = new JsonAddingProxy(f.platform.url())) {
            PlatformApi grown = PlatformApi.connect(proxy.url(), f.platform.accessToken());
            Map<String, Function<PlatformApi, Object>> same = new LinkedHashMap<>();
            same.put("getDatasets", a -> a.getDatasets().stream().map(d -> List.of(d.id(), d.name(), d.reference(), d.notes(), d.locked(),
                    d.tags().stream().map(Tag::id).toList())).toList());
            same.put("getDataset", a -> a.getDataset(f.dataset.id()).name());
            same.put("getTags", PlatformApi::getTags);
            same.put("getTag", a -> a.getTag(f.rootTag.id()));
            same.put("getModels", PlatformApi::getModels);
            same.put("getModel", a -> a.getModel(f.completed.id()));
            same.put("getReports", PlatformApi::getReports);
            same.put("getReport", a -> a.getReport(f.report.id()));
            same.put("getArtifacts", a -> a.getArtifacts(f.completed, "", true));
            same.put("getModeltypes", PlatformApi::getModeltypes);
            same.put("getModeltype", a -> a.getModeltype(PlatformApi.CUSTOM_JOB_TYPE, true));
            same.put("getAvailableModelTypes", PlatformApi::getAvailableModelTypes);
            same.put("getReporttypes", PlatformApi::getReporttypes);
            same.put("getReporttype", a -> a.getReporttype(f.report.reportTypeId()));
            same.put("getProjects", PlatformApi::getProjects);
            same.put("getProject", a -> a.getProject(f.project.id()));
            same.put("getApplication", a -> a.getApplication(f.application.id()));
            same.put("getDevices", PlatformApi::getDevices);
            same.put("getDevice", a -> a.getDevice("d1"));
            same.put("getUserinfo", PlatformApi::getUserinfo);
            same.put("getSftpUsers", a -> a.getSftpUsers(f.dataset.id()));
            // (a schema's presets are a free map of named presets: the proxy's fields there are presets, so only its fields are compared)
            same.put("getSchema", a -> a.getSchema(schemaVia(a == grown ? proxy.url() : f.platform.url())).fields());
            for (var call : same.entrySet()) {
                assertEquals(call.getValue().apply(api), call.getValue().apply(grown), call.getKey() + " reads the same through the grown answers");
            }
            assertTrue(((Map<?, ?>) grown.getEndpoint("/api/models/" + f.idle.id())).containsKey("zzNewObject"), "getEndpoint gives the JSON as it is");

            // what creates and changes things reads its answers too
            Tag tag = grown.createTag("grown", f.rootTag.id());
            assertEquals(List.of("grown", f.rootTag.id()), List.of(tag.name(), tag.parentId().orElseThrow()));
            Dataset d = grown.createDataset("grown", "r", "n", List.of(tag.id()), f.application.id());
            assertEquals("grown", grown.updateDataset(d.id(), "grown", "r", "n", List.of(), false).name());
            Model m = grown.createModel("grown", List.of(d.id()), Map.of("a", 1), List.of());
            assertFalse(m.apiKey().isEmpty());
            assertTrue(grown.startModelTraining(m.id()).started().isPresent());
            assertEquals("Training stopped by the user", grown.stopModelTraining(m.id()).failure().orElseThrow());
            Report r = grown.createTestReport(f.completed.id(), List.of(d.id()));
            assertEquals(f.completed.id(), r.parentId().orElseThrow());
            Project p = grown.createProject("grown", "");
            assertEquals("grown app", grown.createApplication(p.id(), "grown app", "", List.of(d.id()), List.of()).name());
            SftpUser sftp = grown.createSftpUser(d.id());
            assertTrue(sftp.privateKey().reveal().startsWith("-----BEGIN PRIVATE KEY-----"));

            // a download whose answer names a file outside the folder lands inside it, under its own name
            Path folder = Files.createDirectories(dir.resolve("grown-downloads"));
            FileEntry notes = grown.getArtifacts(f.completed, "").stream().filter(e -> e.name().equals("notes.txt")).findFirst().orElseThrow();
            Path got = grown.downloadUrl(notes.link().replace(f.platform.url(), proxy.url()), folder);
            assertEquals(folder.resolve("escaped æ.bin"), got);
            assertEquals("top level", Files.readString(got));
            assertFalse(Files.exists(dir.resolve("escaped æ.bin")) || Files.exists(folder.getParent().resolve("escaped æ.bin")));

            // the token goes only to the platform's own address
            proxy.withToken.clear();
            PlatformException elsewhere = assertThrows(PlatformException.class, () -> api.getEndpoint(proxy.url() + "/api/models"));
            assertEquals(401, elsewhere.status());
            assertEquals(java.util.Set.of(), proxy.withToken, "no token was sent to another address");
            assertTrue(proxy.withoutToken.contains("/api/models"));
        } finally {
            Files.delete(devices.resolve("d1.json"));
        }
    }

    /** The custom job's type, its form read through {@code host}. */
    private static ModelType schemaVia(String host) {
        ModelType t = api.getModeltype(PlatformApi.CUSTOM_JOB_TYPE);
        String path = t.settingsSchemaPath().replace(f.platform.url(), host);
        return new ModelType(t.id(), t.name(), t.created(), t.status(), t.version(), t.shortDescription(), t.longDescription(),
                t.settingsSchemaName(), path, t.dockerImage(), t.maxRuntimeInSeconds(), t.instanceCount(), t.instanceType(),
                t.volumeSizeInGb(), t.duplicateOf(), t.organization(), t.organizationId(), t.reportTypeIds());
    }
}
