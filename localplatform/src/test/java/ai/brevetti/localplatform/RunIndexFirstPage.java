package ai.brevetti.localplatform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * For {@link RunIndexBenchmarkIT}, in a JVM of its own: starts the platform on the root given, times its
 * first {@code GET /} and then the median of nine more, and prints {@code first <ms> warm <ms>}.
 */
public final class RunIndexFirstPage {
    private RunIndexFirstPage() {}

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(Path.of(args[0])))) {
            HttpRequest page = HttpRequest.newBuilder(URI.create(platform.url() + "/"))
                    .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build();
            double[] ms = new double[10];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                HttpResponse<String> answer = http.send(page, HttpResponse.BodyHandlers.ofString());
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (answer.statusCode() != 200 || !answer.body().contains("any status (" + args[1] + ")")) {
                    throw new IllegalStateException("GET / answered " + answer.statusCode() + " without the " + args[1] + " runs");
                }
            }
            double first = ms[0];
            double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "first %.1f warm %.1f%n", first, warm[warm.length / 2]);
        }
        System.exit(0); // the platform is stopped (and its summaries saved); no thread left to wait for
    }
}
