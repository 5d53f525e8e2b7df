package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.Urls;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The artifacts page of a model or test report ({@code /models/{id}/artifacts}, {@code /reports/{id}/artifacts}):
 * the job's {@code artifacts/} folder as a tree and as a table with download links, and one file previewed
 * inline ({@code ?file=<path within artifacts/>}): images shown, JSON pretty-printed, CSV as a table, text
 * as text. Previews are written on the server as escaped text: nothing a job wrote runs in the page (HTML
 * and SVG show as their source); a download opens in a sandbox of its own (the download route's CSP).
 */
final class ArtifactsPage {
    /** The largest file previewed as text, JSON or CSV. */
    static final long MAX_PREVIEW_BYTES = 2L << 20;
    /** The most CSV rows shown. */
    static final int MAX_CSV_ROWS = 500;
    /** Images the browsers show ({@code <img>}); SVG is shown as its source. */
    static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");
    /** Files never read as text. */
    static final Set<String> BINARY = Set.of("gz", "tgz", "zip", "tar", "pb", "npy", "npz", "h5", "bin", "onnx", "pt", "tiff", "tif",
            "index", "data-00000-of-00001");

    private final S3Server s3;

    ArtifactsPage(S3Server s3) {
        this.s3 = s3;
    }

    /** How a file is previewed, by its name. */
    enum Kind { IMAGE, JSON, CSV, TEXT, NONE }

    static Kind kind(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String ext = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "";
        if (IMAGES.contains(ext)) {
            return Kind.IMAGE;
        }
        if (ext.equals("json")) {
            return Kind.JSON;
        }
        if (ext.equals("csv")) {
            return Kind.CSV;
        }
        return BINARY.contains(ext) ? Kind.NONE : Kind.TEXT;
    }

    String render(ModelRecord m, Optional<String> file) {
        String base = m.id() + "/artifacts/";
        List<S3Object> objects = s3.list(base);
        StringBuilder body = new StringBuilder();
        body.append("<h1>Artifacts of ").append(esc(m.name())).append("</h1>\n<p class=\"meta\">").append(ModelPage.kind(m)).append(" ")
                .append(link(ModelPage.path(m), m.id())).append(" · <code>s3://").append(esc(s3.bucket())).append("/").append(esc(base))
                .append("</code></p>\n");
        if (objects.isEmpty()) {
            body.append(ModelPage.note("No artifacts yet."));
            return Html.page("Artifacts of " + m.name(), body.toString());
        }
        String page = ModelPage.path(m) + "/artifacts";
        Optional<S3Object> shown = file.flatMap(f -> objects.stream().filter(o -> o.key().equals(base + f)).findFirst());
        body.append("<div class=\"artifacts-layout\">\n<nav id=\"artifact-tree\" class=\"tree\">\n")
                .append(tree(objects, base, page, shown.map(o -> o.key().substring(base.length())).orElse(null)))
                .append("</nav>\n<section id=\"preview\">\n");
        if (file.isPresent() && shown.isEmpty()) {
            body.append(ModelPage.problem("No artifact '" + file.get() + "' in artifacts/."));
        } else if (shown.isPresent()) {
            body.append(preview(shown.get(), base));
        } else {
            body.append(ModelPage.note("Pick a file in the tree to see it here."));
        }
        body.append("</section>\n</div>\n");
        body.append(table(objects, base, page));
        return Html.page("Artifacts of " + m.name(), body.toString());
    }

    /** The folder tree: folders first, then files, each by name; a file links to its preview. */
    private static String tree(List<S3Object> objects, String base, String page, String selected) {
        Folder root = new Folder();
        for (S3Object o : objects) {
            String[] parts = o.key().substring(base.length()).split("/");
            Folder f = root;
            for (int i = 0; i < parts.length - 1; i++) {
                f = f.folders.computeIfAbsent(parts[i], k -> new Folder());
            }
            f.files.put(parts[parts.length - 1], o);
        }
        StringBuilder out = new StringBuilder();
        root.html(out, "", base, page, selected);
        return out.toString();
    }

    private static final class Folder {
        final Map<String, Folder> folders = new TreeMap<>();
        final Map<String, S3Object> files = new TreeMap<>();

        int count() {
            return files.size() + folders.values().stream().mapToInt(Folder::count).sum();
        }

        void html(StringBuilder out, String path, String base, String page, String selected) {
            out.append("<ul>\n");
            folders.forEach((name, f) -> {
                out.append("<li class=\"folder\" data-path=\"").append(esc(path + name)).append("\"><details open><summary>")
                        .append(esc(name)).append("/ <span class=\"note\">").append(f.count()).append("</span></summary>\n");
                f.html(out, path + name + "/", base, page, selected);
                out.append("</details></li>\n");
            });
            files.forEach((name, o) -> {
                String rel = path + name;
                out.append("<li class=\"file").append(rel.equals(selected) ? " selected" : "").append("\" data-path=\"").append(esc(rel))
                        .append("\">").append(link(page + "?file=" + Urls.quote(rel), name)).append(" <span class=\"note\">")
                        .append(ModelPage.size(o.size() == null ? 0 : o.size())).append("</span></li>\n");
            });
            out.append("</ul>\n");
        }
    }

    private String preview(S3Object o, String base) {
        String name = o.key().substring(base.length());
        long size = o.size() == null ? 0 : o.size();
        String download = Html.download(o.key());
        StringBuilder out = new StringBuilder("<h2 id=\"preview-name\">").append(esc(name)).append("</h2>\n<p class=\"meta\">")
                .append(ModelPage.size(size)).append(" · <a id=\"preview-download\" href=\"").append(esc(download)).append("\">download</a></p>\n");
        Kind kind = kind(name);
        if (kind == Kind.IMAGE) {
            return out.append("<img id=\"preview-image\" class=\"preview\" src=\"").append(esc(download)).append("\" alt=\"")
                    .append(esc(name)).append("\">\n").toString();
        }
        if (kind == Kind.NONE) {
            return out.append(ModelPage.note("No preview of this kind of file: download it.")).toString();
        }
        if (size > MAX_PREVIEW_BYTES) {
            return out.append(ModelPage.note("Too large to preview (" + ModelPage.size(size) + ", at most "
                    + ModelPage.size(MAX_PREVIEW_BYTES) + "): download it.")).toString();
        }
        byte[] bytes = s3.get(o.key()).orElse(new byte[0]);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return out.append(ModelPage.note("Not text (not UTF-8): no preview; download it.")).toString();
        }
        if (text.indexOf('\0') >= 0) {
            return out.append(ModelPage.note("Not text (binary): no preview; download it.")).toString();
        }
        if (kind == Kind.JSON) {
            try {
                return out.append("<pre id=\"preview-json\" class=\"json\">").append(esc(Json.writePretty(Json.parse(text)))).append("</pre>\n")
                        .toString();
            } catch (Exception e) {
                out.append(ModelPage.problem(name + " is not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                        + "; shown as text."));
            }
        } else if (kind == Kind.CSV) {
            try {
                return out.append(csv(CsvText.parse(name, text, MAX_CSV_ROWS))).toString();
            } catch (IllegalArgumentException e) {
                out.append(ModelPage.problem(e.getMessage() + "; shown as text."));
            }
        }
        return out.append("<pre id=\"preview-text\" class=\"text\">").append(esc(text)).append("</pre>\n").toString();
    }

    private static String csv(CsvText csv) {
        StringBuilder out = new StringBuilder("<div class=\"csv-box\"><table id=\"preview-csv\" class=\"csv\">\n<thead><tr>");
        csv.header().forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : csv.rows()) {
            out.append("<tr>");
            for (int c = 0; c < Math.max(row.size(), csv.header().size()); c++) {
                out.append("<td>").append(esc(c < row.size() ? row.get(c) : "")).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        out.append(ModelPage.note(csv.rows().size() + (csv.rows().size() == 1 ? " row" : " rows")
                + (csv.truncated() ? " shown, the first " + MAX_CSV_ROWS + "; download the file for the rest." : ".")));
        return out.toString();
    }

    /** Every file with its size, time and download link (as before the tree). */
    private static String table(List<S3Object> objects, String base, String page) {
        StringBuilder body = new StringBuilder("<h2>All files</h2>\n");
        long total = objects.stream().mapToLong(o -> o.size() == null ? 0 : o.size()).sum();
        body.append("<table class=\"artifacts\">\n<thead><tr><th>File</th><th>Size</th><th>Modified</th><th></th></tr></thead>\n<tbody>\n");
        for (S3Object o : objects) {
            String name = o.key().substring(base.length());
            body.append("<tr><td>").append(link(Html.download(o.key()), name)).append("</td><td class=\"num\">")
                    .append(ModelPage.size(o.size() == null ? 0 : o.size())).append("</td><td>")
                    .append(esc(o.lastModified() == null ? "" : ModelPage.time(o.lastModified().toString()))).append("</td><td>")
                    .append("<a class=\"preview-link\" href=\"").append(esc(page + "?file=" + Urls.quote(name))).append("\">preview</a></td></tr>\n");
        }
        body.append("</tbody>\n<tfoot><tr><th>").append(objects.size()).append(objects.size() == 1 ? " file" : " files")
                .append("</th><td class=\"num\">").append(ModelPage.size(total)).append("</td><td></td><td></td></tr></tfoot>\n</table>\n");
        return body.toString();
    }
}
