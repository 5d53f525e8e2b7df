package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.WebAccess.Role.PAGE;

import ai.brevetti.vega.VegaBundle;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The platform's web pages: {@code /} and {@code /compare} (the runs, see {@link RunPages}), {@code /models/{id}} and
 * {@code /reports/{id}} (a job's page, see {@link ModelPage}), {@code /models/{id}/artifacts},
 * {@code /data/{id}}; the JSON the model page polls for training progress; and the static files the
 * pages load (the bundled Vega builds, the pages' script and style sheet). Nothing comes from
 * another site, which the pages' Content-Security-Policy also enforces.
 */
final class PlatformPages implements AutoCloseable {
    /** The scripts of a model page, in loading order. */
    static final String[] VEGA_SCRIPTS = vegaScripts("/static/model-page.js");
    /** The pages' own static files (resources under {@value #WEB}) and their content types. */
    private static final Map<String, String> ASSETS = Map.of("platform.css", "text/css; charset=utf-8",
            "model-page.js", "text/javascript; charset=utf-8", "dataset-page.js", "text/javascript; charset=utf-8",
            "index-page.js", "text/javascript; charset=utf-8", "compare-page.js", "text/javascript; charset=utf-8",
            "vega-charts.js", "text/javascript; charset=utf-8");
    private static final String WEB = "/ai/brevetti/localplatform/web/";

    /**
     * The scripts of a page that draws Vega-Lite charts, in loading order: the bundled Vega builds, the charts'
     * shared embed options (vega-charts.js: nothing loaded from another site), then {@code pageScript}.
     */
    static String[] vegaScripts(String pageScript) {
        return new String[] {"/static/vega/vega.min.js", "/static/vega/vega-lite.min.js", "/static/vega/vega-embed.min.js",
                "/static/vega-charts.js", pageScript};
    }

    private final PlatformStore store;
    private final Supplier<String> hostName;
    private final ModelPage modelPage;
    private final DatasetPage datasetPage;
    private final RunPages runPages;

    PlatformPages(PlatformStore store, S3Server s3, Supplier<String> hostName) {
        this.store = store;
        this.hostName = hostName;
        this.modelPage = new ModelPage(store, s3);
        this.datasetPage = new DatasetPage(store, s3);
        this.runPages = new RunPages(store, s3, hostName);
    }

    @Override
    public void close() {
        runPages.close();
    }

    void register(JavalinDefaultRoutingApi r) {
        // all of them: the user's, by the login cookie or the access token (see WebAccess)
        runPages.register(r); // /, /compare and their JSON
        r.get("/models/{id}", ctx -> html(ctx, modelPage.render(job(ctx))), PAGE);
        r.get("/reports/{id}", ctx -> html(ctx, modelPage.render(job(ctx))), PAGE);
        r.get("/models/{id}/artifacts", ctx -> html(ctx, modelPage.artifacts(job(ctx), java.util.Optional.ofNullable(ctx.queryParam("file")))), PAGE);
        r.get("/reports/{id}/artifacts", ctx -> html(ctx, modelPage.artifacts(job(ctx), java.util.Optional.ofNullable(ctx.queryParam("file")))), PAGE);
        r.get("/data/{id}", ctx -> html(ctx, datasetPage.render(store.dataset(PlatformStore.safe(ctx.pathParam("id")))
                .orElseThrow(() -> new PlatformError(404, "No dataset " + ctx.pathParam("id") + " on this platform")),
                java.util.Optional.ofNullable(ctx.queryParam("file")), java.util.Optional.ofNullable(ctx.queryParam("annotationFile")))), PAGE);
        r.get("/api/models/{id}/remotemonitor/points", this::points, PAGE);
        r.get("/static/vega/{file}", this::vega, PAGE);
        r.get("/static/{file}", this::asset, PAGE);
    }

    private ModelRecord job(Context ctx) {
        String id = ctx.pathParam("id");
        return store.model(PlatformStore.safe(id)).orElseThrow(() -> new PlatformError(404, "No model or test report " + id + " on this platform"));
    }

    /** True for a request of a page (errors answer with HTML), false for the API, downloads and static files. */
    static boolean isPage(Context ctx) {
        String path = ctx.path();
        return !path.startsWith("/api/") && !path.equals("/download") && !path.startsWith("/static/");
    }

    static void html(Context ctx, String page) {
        ctx.header("Content-Security-Policy", Html.CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.html(page);
    }

    /** An error as a page. */
    static void error(Context ctx, int status, String message) {
        ctx.status(status);
        html(ctx, Html.page("Error " + status, "<h1>Error " + status + "</h1>\n<p class=\"problem\">" + Html.esc(message)
                + "</p>\n<p><a href=\"/\">All models and datasets</a></p>"));
    }

    /**
     * The training progress the model page draws: {@code {status, failed, failure, total, points: [points
     * from index ?from=], charts: number of charts}}; the page asks again every second until the job
     * completed or failed.
     */
    private void points(Context ctx) {
        ModelRecord m = job(ctx);
        int from;
        try {
            from = Math.max(0, Integer.parseInt(ctx.queryParam("from") == null ? "0" : ctx.queryParam("from")));
        } catch (NumberFormatException e) {
            throw new PlatformError(400, "?from= must be a number of points");
        }
        List<Map<String, Object>> all = store.monitor(m.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", m.status());
        boolean failed = "failed".equals(m.status());
        answer.put("failed", failed ? m.failed() : null);
        answer.put("failure", failed ? m.failure() : null);
        answer.put("total", all.size());
        answer.put("points", all.subList(Math.min(from, all.size()), all.size()));
        answer.put("charts", store.chartCount(m.id()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private void vega(Context ctx) {
        String file = ctx.pathParam("file");
        boolean known = VegaBundle.FILES.contains(file) || file.endsWith(".LICENSE.txt") || file.equals("NOTICE.txt");
        InputStream in = known && VegaBundle.class.getResource(VegaBundle.RESOURCE_DIR + file) != null ? VegaBundle.open(file) : null;
        if (in == null) {
            throw new PlatformError(404, "No " + file + " in the Vega bundle");
        }
        ctx.contentType(file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8");
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(in);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        InputStream in = type == null ? null : PlatformPages.class.getResourceAsStream(WEB + file);
        if (in == null) {
            throw new PlatformError(404, "No static file " + file);
        }
        ctx.contentType(type);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(in);
    }
}
