package ai.brevetti.cli;

import ai.brevetti.internal.Json;
import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevettiai model create|list|get|start|stop|delete|types}. */
@Command(name = "model", description = "Creates, lists, shows, starts, stops and deletes models (training jobs) on a platform.",
        mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.Create.class, ModelCommand.ListModels.class, ModelCommand.Get.class, ModelCommand.Start.class,
                ModelCommand.Stop.class, ModelCommand.Delete.class, ModelCommand.Types.class})
final class ModelCommand {

    @Command(name = "create", description = {"Creates a model on datasets.",
            "Its API key is saved for you in ~/.brevettiai/api_keys.json (user-only), so `run … --job_id ID` finds it."}, mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--name", required = true, description = "The model's name.")
        String name;

        @Option(names = "--dataset", description = "A dataset id (repeat for several).")
        List<String> datasets = new ArrayList<>();

        @Option(names = "--settings", description = "The job's settings as a JSON object.")
        String settings = "{}";

        @Option(names = "--show-key", description = "Also print the API key.")
        boolean showKey;

        @Option(names = "--type", description = "The model type's id (default: the custom job).")
        String type;

        @Option(names = "--application", description = "The id of the application the model belongs to.")
        String application;

        @Override
        public Integer call() throws Exception {
            Object value;
            try {
                value = Json.parse(settings);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                System.err.println("brevettiai model create: --settings is not valid JSON (" + Json.describe(e)
                        + "); give an object such as --settings '{\"epochs\": 3}'");
                return 2;
            }
            if (!(value instanceof Map<?, ?> map)) {
                System.err.println("brevettiai model create: --settings must be a JSON object such as '{\"epochs\": 3}', not "
                        + (value instanceof List<?> ? "a list" : value == null ? "null" : "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
                return 2;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = (Map<String, Object>) map;
            PlatformApi api = PlatformApi.connect(host.host());
            Model model = api.createModel(name, datasets, parsed, type, List.of(), application);
            ApiKeyStore store = ApiKeyStore.forUser(System.getenv());
            store.save(model.id(), model.apiKey());
            System.out.println("Model '" + name + "' created: " + model.id());
            System.out.println("  page:    " + model.page(api.host()));
            System.out.println("  api key: " + (showKey ? model.apiKey().reveal() : "saved in " + store.file()));
            System.out.println("Run a job on it:");
            System.out.println("  bin/brevettiai run JOB.jsh --job_id " + model.id() + " --host " + api.host());
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the models.", mixinStandardHelpOptions = true)
    static final class ListModels implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            for (Model m : PlatformApi.connect(host.host()).getModels()) {
                System.out.println(m.id() + "  " + m.name() + "  " + state(m));
            }
            return 0;
        }

        static String state(Model m) {
            return ModelCommand.state(m.completed(), m.failed(), m.failure());
        }
    }

    @Command(name = "types", description = {"Lists the model types you may create models of (the ids model create --type takes).",
            "Each line: id, name, version, instances × machine, image."}, mixinStandardHelpOptions = true)
    static final class Types implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            for (ai.brevetti.platform.ModelType t : PlatformApi.connect(host.host()).getAvailableModelTypes()) {
                System.out.println(t.id() + "  " + t.name() + (t.version().isEmpty() ? "" : "  v" + t.version())
                        + (t.instanceCount() > 0 ? "  " + t.instanceCount() + " × " + (t.instanceType().isEmpty() ? "?" : t.instanceType()) : "")
                        + (t.dockerImage().isEmpty() ? "" : "  " + t.dockerImage()));
            }
            return 0;
        }
    }

    /** {@code completed <time>}, {@code failed <time>: <first line of the message>} or {@code open}. */
    static String state(Optional<String> completed, Optional<String> failed, Optional<String> failure) {
        if (completed.isPresent()) {
            return "completed " + completed.get();
        }
        if (failed.isPresent()) {
            String message = failure.orElse("").strip();
            String first = message.lines().findFirst().orElse("");
            return "failed " + failed.get() + (first.isEmpty() ? "" : ": " + (first.length() > 160 ? first.substring(0, 160) + "…" : first));
        }
        return "open";
    }

    @Command(name = "get", description = "Shows a model: its type, datasets, settings, state and page.", mixinStandardHelpOptions = true)
    static final class Get implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The model's id.")
        String id;

        @Override
        public Integer call() {
            PlatformApi api = PlatformApi.connect(host.host());
            print(api.getModel(id), api.host());
            return 0;
        }
    }

    static void print(Model m, String host) {
        System.out.println("Model '" + m.name() + "' (" + m.id() + ")");
        System.out.println("  type:      " + m.modelTypeId());
        System.out.println("  datasets:  " + String.join(", ", m.datasetIds()));
        m.applicationId().ifPresent(a -> System.out.println("  application: " + a));
        System.out.println("  created:   " + m.created());
        System.out.println("  started:   " + m.started().orElse("-"));
        System.out.println("  state:     " + state(m.completed(), m.failed(), m.failure()));
        m.modelPath().ifPresent(p -> System.out.println("  archive:   " + p));
        System.out.println("  settings:  " + m.settings());
        System.out.println("  page:      " + m.page(host));
    }

    @Command(name = "start", description = {"Starts a model's training.",
            "Without --submit-to-cloud you run its job yourself (bin/brevettiai run JOB.jsh --job_id ID); the local platform"
                    + " cannot submit it to a cloud."}, mixinStandardHelpOptions = true)
    static final class Start implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The model's id.")
        String id;

        @Option(names = "--submit-to-cloud", description = "Have the platform run the training job.")
        boolean submitToCloud;

        @Override
        public Integer call() {
            PlatformApi api = PlatformApi.connect(host.host());
            Model m = api.startModelTraining(id, submitToCloud);
            System.out.println("Model '" + m.name() + "' (" + m.id() + ") started " + m.started().orElse(""));
            if (!submitToCloud) {
                System.out.println("Run its job:");
                System.out.println("  bin/brevettiai run JOB.jsh --job_id " + m.id() + " --host " + api.host());
            }
            return 0;
        }
    }

    @Command(name = "stop", description = "Stops a model's training: its job loses write access; a new run starts it again.",
            mixinStandardHelpOptions = true)
    static final class Stop implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The model's id.")
        String id;

        @Override
        public Integer call() {
            Model m = PlatformApi.connect(host.host()).stopModelTraining(id);
            System.out.println("Model '" + m.name() + "' (" + m.id() + ") stopped: " + state(m.completed(), m.failed(), m.failure()));
            return 0;
        }
    }

    @Command(name = "delete", description = "Deletes a model; its job can no longer write.", mixinStandardHelpOptions = true)
    static final class Delete implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The model's id.")
        String id;

        @Override
        public Integer call() {
            PlatformApi.connect(host.host()).deleteModel(id);
            System.out.println("Model " + id + " deleted");
            return 0;
        }
    }
}
