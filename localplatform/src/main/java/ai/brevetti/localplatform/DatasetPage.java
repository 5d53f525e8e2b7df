package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A dataset's page ({@code /data/{id}}): its record, its files counted per folder with a few links, its models. */
final class DatasetPage {
    /** File links shown per folder. */
    static final int EXAMPLES = 3;

    private final PlatformStore store;
    private final S3Server s3;

    DatasetPage(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
    }

    /** A folder of the dataset: its file count, bytes and first files. */
    private static final class Folder {
        int files;
        long bytes;
        final List<S3Object> examples = new ArrayList<>();
    }

    String render(DatasetRecord d) {
        String base = d.folderName() + "/";
        Map<String, Folder> folders = new TreeMap<>();
        long total = 0;
        List<S3Object> objects = s3.list(base);
        for (S3Object o : objects) {
            String name = o.key().substring(base.length());
            int slash = name.lastIndexOf('/');
            Folder f = folders.computeIfAbsent(slash < 0 ? "" : name.substring(0, slash), k -> new Folder());
            long size = o.size() == null ? 0 : o.size();
            f.files++;
            f.bytes += size;
            total += size;
            if (f.examples.size() < EXAMPLES) {
                f.examples.add(o);
            }
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(esc(d.name())).append("</h1>\n<p class=\"meta\">Dataset <code>").append(esc(d.id()))
                .append("</code></p>\n<section>\n<table class=\"facts\">\n")
                .append("<tr><th>Created</th><td>").append(esc(ModelPage.time(d.created()))).append("</td></tr>\n")
                .append("<tr><th>Folder</th><td><code>s3://").append(esc(s3.bucket())).append('/').append(esc(base)).append("</code></td></tr>\n")
                .append("<tr><th>Files</th><td id=\"file-count\">").append(objects.size()).append(" (").append(ModelPage.size(total))
                .append(")</td></tr>\n");
        if (!d.reference().isEmpty()) {
            body.append("<tr><th>Reference</th><td>").append(esc(d.reference())).append("</td></tr>\n");
        }
        if (!d.notes().isEmpty()) {
            body.append("<tr><th>Notes</th><td>").append(esc(d.notes())).append("</td></tr>\n");
        }
        body.append("<tr><th>Locked</th><td>").append(d.locked() ? "yes" : "no").append("</td></tr>\n</table>\n</section>\n");

        body.append("<section id=\"folders\">\n<h2>Folders</h2>\n");
        if (folders.isEmpty()) {
            body.append(ModelPage.note("No files yet (upload a folder with PlatformApi.uploadFolder)."));
        } else {
            body.append("<table class=\"folders\">\n<thead><tr><th>Folder</th><th>Files</th><th>Size</th><th>First files</th></tr></thead>\n<tbody>\n");
            folders.forEach((name, f) -> {
                body.append("<tr data-folder=\"").append(esc(name)).append("\"><td>").append(name.isEmpty() ? "<em>(top)</em>" : esc(name))
                        .append("</td><td class=\"num\">").append(f.files).append("</td><td class=\"num\">").append(ModelPage.size(f.bytes))
                        .append("</td><td>");
                for (int i = 0; i < f.examples.size(); i++) {
                    String key = f.examples.get(i).key();
                    body.append(i == 0 ? "" : ", ").append(link(Html.download(key), key.substring(key.lastIndexOf('/') + 1)));
                }
                body.append(f.files > f.examples.size() ? ", …" : "").append("</td></tr>\n");
            });
            body.append("</tbody>\n</table>\n");
        }
        body.append("</section>\n");

        List<ModelRecord> users = store.models().stream().filter(m -> m.datasetIds().contains(d.id())).toList();
        if (!users.isEmpty()) {
            body.append("<section id=\"used-by\">\n<h2>Used by</h2>\n<ul>\n");
            for (ModelRecord m : users) {
                body.append("<li>").append(ModelPage.kind(m)).append(' ').append(link(ModelPage.path(m), m.name())).append("</li>\n");
            }
            body.append("</ul>\n</section>\n");
        }
        return Html.page(d.name(), body.toString());
    }
}
