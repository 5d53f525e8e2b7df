package ai.brevetti.cli;

import ai.brevetti.internal.Json;
import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevettiai model create|list}. */
@Command(name = "model", description = "Creates and lists models (training jobs) on a platform.", mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.Create.class, ModelCommand.ListModels.class})
final class ModelCommand {

    @Command(name = "create", description = {"Creates a model on datasets. Its API key is saved for you in",
            "~/.brevettiai/api_keys.json (user-only), so `run … --job_id ID` finds it."}, mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--name", required = true, description = "the model's name")
        String name;

        @Option(names = "--dataset", description = "a dataset id (repeat for several)")
        List<String> datasets = new ArrayList<>();

        @Option(names = "--settings", description = "the job's settings as a JSON object")
        String settings = "{}";

        @Option(names = "--show-key", description = "also print the API key")
        boolean showKey;

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
            Model model = api.createModel(name, datasets, parsed, List.of());
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

        /** {@code completed <time>}, {@code failed <time>: <first line of the message>} or {@code open}. */
        static String state(Model m) {
            if (m.completed().isPresent()) {
                return "completed " + m.completed().get();
            }
            if (m.failed().isPresent()) {
                String message = m.failure().orElse("").strip();
                String first = message.lines().findFirst().orElse("");
                return "failed " + m.failed().get() + (first.isEmpty() ? "" : ": " + (first.length() > 160 ? first.substring(0, 160) + "…" : first));
            }
            return "open";
        }
    }
}
