package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.WebAccess.Role.PAGE;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.function.Supplier;

/**
 * The pages of the runs: {@code /} (the index, {@link IndexPage}) with {@code /api/runs} (its data as JSON,
 * same parameters), and {@code /compare?ids=…} ({@link ComparePage}) with {@code /api/compare?ids=…}. Read
 * with the login cookie or the access token, like every page ({@link WebAccess}).
 */
final class RunPages implements AutoCloseable {
    private final Supplier<String> hostName;
    private final RunIndex runs;
    private final IndexPage index;
    private final ComparePage compare;

    RunPages(PlatformStore store, S3Server s3, Supplier<String> hostName) {
        this.runs = new RunIndex(store, s3);
        this.hostName = hostName;
        this.index = new IndexPage(runs, s3);
        this.compare = new ComparePage(runs, store);
    }

    void register(JavalinDefaultRoutingApi r) {
        r.get("/", ctx -> PlatformPages.html(ctx, index.render(hostName.get(), RunQuery.of(ctx.queryParamMap()))), PAGE);
        r.get("/api/runs", ctx -> json(ctx, index.table(RunQuery.of(ctx.queryParamMap())).json()), PAGE);
        r.get("/compare", ctx -> PlatformPages.html(ctx, compare.render(compare.compare(ComparePage.ids(ctx.queryParams("ids"))))), PAGE);
        r.get("/api/compare", ctx -> json(ctx, compare.compare(ComparePage.ids(ctx.queryParams("ids"))).json()), PAGE);
    }

    /** Saves the runs index's summaries for the next start ({@link RunIndex#close}). */
    @Override
    public void close() {
        runs.close();
    }

    private static void json(Context ctx, Object answer) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }
}
