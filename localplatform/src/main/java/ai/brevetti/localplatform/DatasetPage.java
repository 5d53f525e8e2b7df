package ai.brevetti.localplatform;

import static ai.brevetti.localplatform.Html.esc;
import static ai.brevetti.localplatform.Html.link;

import ai.brevetti.data.samples.AnnotationJoin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A dataset's page ({@code /data/{id}}): its record, its images counted per folder with a few links, its
 * annotations (one image drawn with its annotation over it: {@code ?file=<image path>} picks the image, as
 * the platform's annotation viewer links do, {@code &annotationFile=<path in .annotations/>} one of its
 * annotation files), its sample files and the models using it. The shapes are drawn in the browser
 * ({@code /static/dataset-page.js}), from the annotation file it downloads like the image.
 */
final class DatasetPage {
    /** File links shown per folder. */
    static final int EXAMPLES = 3;
    /** Thumbnails shown per folder. */
    static final int THUMBNAILS = 8;
    /** Other annotated images linked. */
    static final int ANNOTATED_LINKS = 12;
    /** The hidden folders of a dataset (its locations other than the images). */
    private static final String ANNOTATIONS = ".annotations/";
    private static final String SAMPLES = ".samples/";
    private static final String META = ".meta/";

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
        final List<String> thumbnails = new ArrayList<>();
        int notShown;
    }

    String render(DatasetRecord d) {
        return render(d, Optional.empty(), Optional.empty());
    }

    /** The page, showing {@code file}'s annotation (the first annotated image's without). */
    String render(DatasetRecord d, Optional<String> file, Optional<String> annotationFile) {
        String base = d.folderName() + "/";
        Map<String, Folder> folders = new TreeMap<>();
        long total = 0;
        List<S3Object> objects = s3.list(base);
        List<String> annotations = new ArrayList<>();
        List<String> sampleFiles = new ArrayList<>();
        int meta = 0;
        Set<String> images = new HashSet<>();
        for (S3Object o : objects) {
            String name = o.key().substring(base.length());
            if (name.startsWith(ANNOTATIONS)) {
                annotations.add(name.substring(ANNOTATIONS.length()));
            } else if (name.startsWith(SAMPLES)) {
                sampleFiles.add(name.substring(SAMPLES.length()));
            } else if (name.startsWith(META)) {
                meta++;
            }
            if (name.startsWith(".") || name.contains("/.")) {
                total += o.size() == null ? 0 : o.size();
                continue;
            }
            images.add(name);
            int slash = name.lastIndexOf('/');
            Folder f = folders.computeIfAbsent(slash < 0 ? "" : name.substring(0, slash), k -> new Folder());
            long size = o.size() == null ? 0 : o.size();
            f.files++;
            f.bytes += size;
            total += size;
            if (f.examples.size() < EXAMPLES) {
                f.examples.add(o);
            }
            if (ArtifactsPage.kind(name) != ArtifactsPage.Kind.IMAGE) {
                f.notShown++;
            } else if (f.thumbnails.size() < THUMBNAILS) {
                f.thumbnails.add(o.key());
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
        if (!folders.isEmpty()) {
            body.append(distribution(folders)).append(thumbnails(folders));
        }
        boolean drawn = annotations(body, d, images, annotations, file, annotationFile);
        if (!sampleFiles.isEmpty() || meta > 0) {
            body.append("<section id=\"sample-files\">\n<h2>Sample files</h2>\n");
            if (sampleFiles.isEmpty()) {
                body.append(ModelPage.note("No sample files (save one with dataset.saveSamples(target, samples))."));
            } else {
                body.append("<ul>\n");
                for (String f : sampleFiles) {
                    body.append("<li>").append(link(Html.download(base + SAMPLES + f), f)).append("</li>\n");
                }
                body.append("</ul>\n");
            }
            if (meta > 0) {
                body.append(ModelPage.note(meta + " file" + (meta == 1 ? "" : "s") + " in .meta/."));
            }
            body.append("</section>\n");
        }

        List<ModelRecord> users = store.models().stream().filter(m -> m.datasetIds().contains(d.id())).toList();
        if (!users.isEmpty()) {
            body.append("<section id=\"used-by\">\n<h2>Used by</h2>\n<ul>\n");
            for (ModelRecord m : users) {
                body.append("<li>").append(ModelPage.kind(m)).append(' ').append(link(ModelPage.path(m), m.name())).append("</li>\n");
            }
            body.append("</ul>\n</section>\n");
        }
        return drawn ? Html.page(d.name(), body.toString(), "/static/dataset-page.js") : Html.page(d.name(), body.toString());
    }

    /** The class distribution: the images per folder (an image's folder is its class) as a bar and a share. */
    private static String distribution(Map<String, Folder> folders) {
        int total = folders.values().stream().mapToInt(f -> f.files).sum();
        int max = folders.values().stream().mapToInt(f -> f.files).max().orElse(1);
        StringBuilder out = new StringBuilder("<section id=\"class-distribution\">\n<h2>Class distribution</h2>\n")
                .append("<table class=\"distribution\">\n<thead><tr><th>Folder (class)</th><th>Images</th><th>Share</th><th></th></tr></thead>\n<tbody>\n");
        folders.forEach((name, f) -> out.append("<tr data-folder=\"").append(esc(name)).append("\"><td>")
                .append(name.isEmpty() ? "<em>(top)</em>" : esc(name)).append("</td><td class=\"num\">").append(f.files)
                .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * f.files / total))
                .append("</td><td class=\"bar-cell\"><span class=\"bar\" style=\"width:")
                .append(String.format(java.util.Locale.ROOT, "%.1f", 100.0 * f.files / max)).append("%\"></span></td></tr>\n"));
        return out.append("</tbody>\n<tfoot><tr><th>").append(folders.size()).append(folders.size() == 1 ? " folder" : " folders")
                .append("</th><td class=\"num\">").append(total).append("</td><td></td><td></td></tr></tfoot>\n</table>\n</section>\n").toString();
    }

    /** The first images of each folder, as thumbnails linking to the image; files the browser cannot show are counted. */
    private static String thumbnails(Map<String, Folder> folders) {
        StringBuilder out = new StringBuilder("<section id=\"thumbnails\">\n<h2>Thumbnails</h2>\n");
        folders.forEach((name, f) -> {
            out.append("<div class=\"thumbnail-folder\" data-folder=\"").append(esc(name)).append("\"><h3>")
                    .append(name.isEmpty() ? "(top)" : esc(name)).append(" <span class=\"note\">").append(f.files).append("</span></h3>\n<div class=\"samples\">");
            for (String key : f.thumbnails) {
                String file = key.substring(key.lastIndexOf('/') + 1);
                out.append("<figure class=\"sample\" title=\"").append(esc(file)).append("\"><a href=\"").append(esc(Html.download(key)))
                        .append("\"><img loading=\"lazy\" src=\"").append(esc(Html.download(key))).append("\" alt=\"").append(esc(file))
                        .append("\"></a><figcaption><span>").append(esc(file)).append("</span></figcaption></figure>");
            }
            out.append("</div>\n");
            int more = f.files - f.thumbnails.size() - f.notShown;
            if (more > 0 || f.notShown > 0) {
                out.append(ModelPage.note((more > 0 ? "… and " + more + " more" : "")
                        + (more > 0 && f.notShown > 0 ? "; " : "")
                        + (f.notShown > 0 ? f.notShown + " file" + (f.notShown == 1 ? "" : "s") + " the browser cannot show (not PNG, JPEG, GIF, BMP or WebP)" : "")
                        + "."));
            }
            out.append("</div>\n");
        });
        return out.append("</section>\n").toString();
    }

    /**
     * The annotations section; true when it shows an image to draw on. Each annotation file belongs to the
     * image its path names ({@link AnnotationJoin#imagesOf}); of several, the last in path order, as the
     * join's default.
     */
    private boolean annotations(StringBuilder body, DatasetRecord d, Set<String> images, List<String> annotations,
                                Optional<String> file, Optional<String> annotationFile) {
        body.append("<section id=\"annotations\">\n<h2>Annotations</h2>\n");
        Map<String, List<String>> byImage = new TreeMap<>();
        int orphans = 0;
        for (String a : annotations) {
            Optional<String> image = AnnotationJoin.imagesOf(a).stream().filter(images::contains).findFirst();
            if (image.isPresent()) {
                byImage.computeIfAbsent(image.get(), k -> new ArrayList<>()).add(a);
            } else if (!AnnotationJoin.imagesOf(a).isEmpty()) {
                orphans++;
            }
        }
        if (byImage.isEmpty()) {
            body.append(ModelPage.note(annotations.isEmpty() ? "No annotations (upload them with bin/brevettiai dataset create --annotations DIR)."
                    : annotations.size() + " files in .annotations/, none of them an annotation of an image of the dataset"
                    + " (<image path>.json or <image path>/<name>.json)."));
            body.append("</section>\n");
            return false;
        }
        body.append("<p id=\"annotation-count\">").append(byImage.size()).append(" annotated image").append(byImage.size() == 1 ? "" : "s")
                .append(" of ").append(images.size()).append(orphans == 0 ? "" : "; " + orphans + " annotation file" + (orphans == 1 ? "" : "s")
                        + " of no image").append(".</p>\n");
        String shown = file.filter(byImage::containsKey).orElse(byImage.keySet().iterator().next());
        if (file.isPresent() && !file.get().equals(shown)) {
            body.append(ModelPage.note("'" + file.get() + "' has no annotation" + (images.contains(file.get()) ? "" : " (it is no image of this dataset)")
                    + "; showing '" + shown + "'."));
        }
        List<String> files = byImage.get(shown);
        String annotation = annotationFile.filter(files::contains).orElse(files.get(files.size() - 1));
        String base = d.folderName() + "/";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", shown);
        data.put("image", Html.download(base + shown));
        data.put("annotation", Html.download(base + ANNOTATIONS + annotation));
        data.put("annotationName", ".annotations/" + annotation);
        body.append("<figure id=\"annotated\" class=\"annotated\" data-file=\"").append(esc(shown)).append("\">\n")
                .append("<div class=\"overlay-box\"><img id=\"annotated-image\" src=\"").append(esc(Html.download(base + shown)))
                .append("\" alt=\"").append(esc(shown)).append("\"><svg id=\"annotation-overlay\" xmlns=\"http://www.w3.org/2000/svg\""
                        + " preserveAspectRatio=\"none\" aria-label=\"annotation\"></svg></div>\n")
                .append("<figcaption>").append(esc(shown)).append(" · ").append(link(Html.download(base + ANNOTATIONS + annotation), ".annotations/" + annotation))
                .append("</figcaption>\n<ul id=\"annotation-legend\"></ul>\n<p id=\"annotation-note\" class=\"note\" hidden></p>\n</figure>\n")
                .append("<script type=\"application/json\" id=\"annotation-data\">").append(Html.json(data)).append("</script>\n");
        if (files.size() > 1) {
            body.append("<p class=\"note\">Other annotation files of this image: ");
            int n = 0;
            for (String a : files) {
                if (!a.equals(annotation)) {
                    body.append(n++ == 0 ? "" : ", ").append(link(page(d, shown) + "&annotationFile=" + ai.brevetti.internal.Urls.quote(a), a));
                }
            }
            body.append(".</p>\n");
        }
        List<String> others = byImage.keySet().stream().filter(i -> !i.equals(shown)).limit(ANNOTATED_LINKS).toList();
        if (!others.isEmpty()) {
            body.append("<p id=\"annotated-images\">Annotated images: ");
            for (int i = 0; i < others.size(); i++) {
                body.append(i == 0 ? "" : ", ").append(link(page(d, others.get(i)), others.get(i)));
            }
            body.append(byImage.size() - 1 > others.size() ? ", …" : "").append("</p>\n");
        }
        body.append("</section>\n");
        return true;
    }

    /** The link of the dataset's page showing {@code file}'s annotation. */
    private static String page(DatasetRecord d, String file) {
        return "/data/" + ai.brevetti.internal.Urls.quote(d.id()) + "?file=" + ai.brevetti.internal.Urls.quote(file);
    }
}
