package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The platform's front page ({@code /}): models, test reports and datasets, newest first. */
final class IndexPage {
    private final PlatformStore store;
    private final S3Server s3;

    IndexPage(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
    }

    String render(String hostName) {
        Comparator<String> newestFirst = Comparator.nullsLast(Comparator.<String>reverseOrder());
        List<ModelRecord> jobs = store.models().stream()
                .sorted(Comparator.comparing(ModelRecord::created, newestFirst)).toList();
        List<ModelRecord> models = jobs.stream().filter(m -> !m.isReport()).toList();
        List<ModelRecord> reports = jobs.stream().filter(ModelRecord::isReport).toList();
        List<DatasetRecord> datasets = store.datasets().stream()
                .sorted(Comparator.comparing(DatasetRecord::created, newestFirst)).toList();

        StringBuilder body = new StringBuilder("<h1>Local platform</h1>\n<p class=\"meta\">")
                .append(esc(hostName)).append(" · data in <code>s3://").append(esc(s3.bucket())).append("</code> at <code>")
                .append(esc(s3.endpoint())).append("</code></p>\n");

        body.append("<section id=\"models\">\n<h2>Models</h2>\n");
        if (models.isEmpty()) {
            body.append(ModelPage.note("No models yet (bin/brevettiai model create --name NAME --dataset ID, or PlatformApi.createModel)."));
        } else {
            body.append("<table class=\"list\">\n<thead><tr><th>Name</th><th>Status</th><th>Created</th><th>Datasets</th></tr></thead>\n<tbody>\n");
            for (ModelRecord m : models) {
                body.append("<tr><td>").append(link(ModelPage.path(m), m.name())).append("</td><td>")
                        .append(ModelPage.status(m).replace(" id=\"status\"", "")).append("</td><td>").append(esc(ModelPage.time(m.created())))
                        .append("</td><td class=\"num\">").append(m.datasetIds().size()).append("</td></tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }
        body.append("</section>\n");

        body.append("<section id=\"test-reports\">\n<h2>Test reports</h2>\n");
        if (reports.isEmpty()) {
            body.append(ModelPage.note("No test reports."));
        } else {
            body.append("<table class=\"list\">\n<thead><tr><th>Name</th><th>Status</th><th>Model</th><th>Created</th></tr></thead>\n<tbody>\n");
            for (ModelRecord r : reports) {
                String parent = store.model(r.parentId()).map(ModelRecord::name).orElse(r.parentId());
                body.append("<tr><td>").append(link(ModelPage.path(r), r.name())).append("</td><td>")
                        .append(ModelPage.status(r).replace(" id=\"status\"", "")).append("</td><td>")
                        .append(link("/models/" + r.parentId(), Objects.toString(parent, ""))).append("</td><td>")
                        .append(esc(ModelPage.time(r.created()))).append("</td></tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }
        body.append("</section>\n");

        body.append("<section id=\"datasets\">\n<h2>Datasets</h2>\n");
        if (datasets.isEmpty()) {
            body.append(ModelPage.note("No datasets yet (bin/brevettiai dataset create --name NAME --folder FOLDER, or PlatformApi.createDataset)."));
        } else {
            body.append("<table class=\"list\">\n<thead><tr><th>Name</th><th>Id</th><th>Created</th></tr></thead>\n<tbody>\n");
            for (DatasetRecord d : datasets) {
                body.append("<tr><td>").append(link("/data/" + d.id(), d.name())).append("</td><td><code>").append(esc(d.id()))
                        .append("</code></td><td>").append(esc(ModelPage.time(d.created()))).append("</td></tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }
        body.append("</section>\n");
        return Html.page("Local platform", body.toString());
    }
}
