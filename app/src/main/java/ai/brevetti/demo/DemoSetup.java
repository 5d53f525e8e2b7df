package ai.brevetti.demo;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.PlatformTokens;
import ai.brevetti.platform.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default for people without a platform: the local platform (the one already running at
 * the default address, or one started in this JVM) and a demo model on a dataset of synthetic vials, made
 * once and reused.
 */
public final class DemoSetup {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    public static final String DEMO_MODEL = "brevettiai demo";
    public static final String DEMO_DATASET = "demo vials";
    public static final String DEMO_TEST_DATASET = "demo vials (held out)";
    public static final String DEFAULT_HOST = "http://127.0.0.1:" + LocalPlatform.DEFAULT_PORT;

    private static LocalPlatform embedded;

    private DemoSetup() {}

    /**
     * The local platform's address: {@code BREVETTIAI_HOST_NAME}, or the default one when it answers to the
     * user's saved token, else one started here (its token saved in the user's {@link PlatformTokens}).
     */
    public static synchronized String localPlatform() {
        String configured = System.getenv("BREVETTIAI_HOST_NAME");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (embedded != null) {
            return embedded.url();
        }
        if (answers(DEFAULT_HOST)) {
            return DEFAULT_HOST;
        }
        Path root = defaultRoot();
        try {
            try {
                embedded = LocalPlatform.start(LocalPlatform.Config.defaults(root));
            } catch (IOException busy) {
                embedded = LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local platform in " + root + ": " + e.getMessage(), e);
        }
        PlatformTokens.forUser(System.getenv()).save(embedded.url(), embedded.accessToken());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> embedded.close(), "local-platform-stop"));
        LOG.info("Started the local platform at {} (it stops with this process; `bin/brevettiai platform` runs one for good)",
                embedded.url());
        return embedded.url();
    }

    /** Where the local platform keeps its data: {@code $BREVETTIAI_PLATFORM_ROOT}, else {@code $HOME/.brevettiai/local-platform}. */
    public static Path defaultRoot() {
        return ai.brevetti.internal.UserDirs.platformRoot(System.getenv());
    }

    /**
     * True when the user's platform answers at {@code host}: GET /api/status with the token saved for it
     * answers 200 within 2 s (a platform without the user's token, e.g. another user's, does not count).
     */
    public static boolean answers(String host) {
        try {
            Optional<Secret> token = PlatformTokens.forUser(System.getenv()).find(host);
            if (token.isEmpty()) {
                return false;
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(host + "/api/status"))
                    .header("Authorization", "Bearer " + token.get().reveal())
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The demo model on {@code host}: an open model named {@value #DEMO_MODEL} whose key is saved, or a new
     * one on the demo dataset (created from {@link DemoData} when missing).
     */
    public static Model demoModel(String host, ApiKeyStore keys) {
        PlatformApi api = PlatformApi.connect(host);
        Optional<Model> existing = api.getModels().stream()
                .filter(m -> m.name().equals(DEMO_MODEL) && m.completed().isEmpty() && keys.find(m.id()).isPresent())
                .reduce((a, b) -> b);
        if (existing.isPresent()) {
            return existing.get();
        }
        Dataset dataset = demoDataset(api);
        Model model = api.createModel(DEMO_MODEL, List.of(dataset.id()), Map.of(), List.of());
        keys.save(model.id(), model.apiKey());
        LOG.info("Created the demo model {} on {}", model.id(), host);
        return model;
    }

    /** The demo dataset on the platform, created and uploaded when missing. */
    public static Dataset demoDataset(PlatformApi api) {
        return dataset(api, DEMO_DATASET, DemoData.builder());
    }

    /** Vials the demo model never sees in training (another seed), for its test report; created when missing. */
    public static Dataset demoTestDataset(PlatformApi api) {
        return dataset(api, DEMO_TEST_DATASET, DemoData.builder().items(10).seed(2));
    }

    private static Dataset dataset(PlatformApi api, String name, DemoData data) {
        Optional<Dataset> existing = api.getDatasets().stream().filter(d -> d.name().equals(name)).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            Path folder = Files.createTempDirectory("demo-vials-");
            data.write(folder);
            Dataset dataset = api.createDataset(name, "synthetic", "DemoData " + data, List.of());
            api.uploadFolder(dataset, folder);
            return dataset;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the demo dataset: " + e.getMessage(), e);
        }
    }
}
