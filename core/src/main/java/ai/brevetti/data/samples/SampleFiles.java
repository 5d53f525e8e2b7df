package ai.brevetti.data.samples;

import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.StorageObject;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A dataset's sample files, {@code .samples/<target>} (Python's {@code Dataset.get_samples(target)} and
 * {@code save_samples(target, df)}): a curated list of samples saved in the SDK's format and read back as
 * {@link Samples}.
 *
 * <p>The format: CSV with {@code ;} between fields (a file with {@code ,} is read too), a header line, one
 * line per sample, fields quoted with {@code "} only when they hold {@code ;}, {@code "} or a line break.
 * Columns: {@code path} (relative to the dataset), {@code category} (Python's tuple literal,
 * {@code ('good',)}, {@code ('a', 'b')}), and whatever else the samples had ({@code etag}, {@code reference},
 * {@code purpose}, {@code annotation_path} or {@code segmentation_path} relative to the dataset, {@code size}
 * and {@code bbox} as JSON arrays, any other column as its text). {@code folder}, {@code bucket},
 * {@code dataset}, {@code dataset_id} and {@code url} are not written: reading rebuilds them from the dataset.
 */
public final class SampleFiles {
    private static final Logger LOG = LoggerFactory.getLogger("ai.brevetti.platform.Dataset");
    /** The columns saving drops and reading rebuilds, as the SDK. */
    public static final List<String> DERIVED = List.of("folder", "bucket", "dataset", "dataset_id", "url");
    private static final List<String> AFTER = List.of("bucket", "dataset", "dataset_id", "reference", "url");

    private SampleFiles() {}

    /**
     * Writes the samples of {@code dataset} among {@code samples} (by {@code dataset_id}, or by path when the
     * samples have no such column) to its {@code .samples/<target>}, replacing the file. Returns the path
     * written.
     *
     * @throws SampleException when no sample is of this dataset, or one names a file outside it (nothing is written)
     */
    public static String write(SampleSource dataset, String target, Samples samples) {
        String path = location(dataset, target);
        if (!samples.has("path")) {
            throw new SampleException("The samples have no 'path' column; nothing was written to " + path);
        }
        List<String> columns = samples.columnNames().stream().filter(c -> !DERIVED.contains(c)).toList();
        StringBuilder csv = new StringBuilder();
        line(csv, columns);
        int written = 0;
        for (Sample s : samples) {
            boolean own = samples.has("dataset_id") ? dataset.id().equals(s.get("dataset_id"))
                    : RelativePaths.relative(dataset.bucket(), s.path()).isPresent();
            if (!own) {
                continue;
            }
            List<String> fields = new ArrayList<>(columns.size());
            for (String c : columns) {
                String value = s.get(c);
                if (c.equals("category")) {
                    value = PythonTuples.format(Samples.categories(value));
                } else if (isPath(c) && !value.isEmpty()) {
                    String v = value;
                    value = RelativePaths.relative(dataset.bucket(), value).orElseThrow(() -> new SampleException("Sample "
                            + s.index() + ": its " + c + " '" + v + "' is not inside dataset '" + dataset.name() + "' ["
                            + dataset.bucket() + "]; a sample file names files of its own dataset only. Nothing was written to " + path));
                }
                fields.add(value);
            }
            line(csv, fields);
            written++;
        }
        if (written == 0) {
            throw new SampleException("None of the " + samples.size() + " samples is of dataset '" + dataset.name() + "' (id "
                    + dataset.id() + ", " + dataset.bucket() + "); nothing was written to " + path);
        }
        dataset.io().writeFile(path, csv.toString());
        LOG.info("Saved {} samples of dataset '{}' to {}", written, dataset.name(), path);
        return path;
    }

    /**
     * Reads {@code .samples/<target>} of {@code dataset} into samples with absolute paths and the columns a
     * listing has. A file without {@code etag} gets the files' MD5s (unreadable files are reported and left
     * out); without {@code category}, the leaf folder is the class.
     *
     * @throws SampleException naming the file (and line) when it is missing, malformed, or names a file outside the dataset
     */
    public static Samples read(SampleSource dataset, String target) {
        String path = location(dataset, target);
        IoTools io = dataset.io();
        if (!io.isFile(path)) {
            throw new SampleException("Dataset '" + dataset.name() + "' has no sample file '" + target + "' (" + path + "); it has "
                    + saved(dataset) + ". Save one with saveSamples(\"" + target + "\", samples)");
        }
        String text = io.readText(path);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Parsed parsed = parse(text, ';', path);
        if (parsed.header.size() == 1 && parsed.header.get(0).contains(",")) {
            parsed = parse(text, ',', path);
        }
        Samples samples = table(dataset, parsed, path);
        LOG.info("Read {} samples of dataset '{}' from {}", samples.size(), dataset.name(), path);
        return samples;
    }

    private static String location(SampleSource dataset, String target) {
        if (target == null || target.isBlank() || target.endsWith("/")) {
            throw new IllegalArgumentException("A sample file needs a name, like \"train.csv\" (got '" + target + "')");
        }
        return dataset.getLocation("samples", target);
    }

    /** The dataset's sample files, for messages. */
    private static String saved(SampleSource dataset) {
        String root = dataset.getLocation("samples");
        try (Stream<StorageObject> files = dataset.io().list(root, true)) {
            List<String> names = files.map(f -> RelativePaths.relative(root, f.path()).orElse(f.name())).sorted().limit(20).toList();
            return names.isEmpty() ? "none" : "only " + names;
        } catch (RuntimeException e) {
            return "none that can be listed";
        }
    }

    /** A column of paths of the dataset's files: {@code path}, {@code annotation_path}, {@code segmentation_path}, … */
    private static boolean isPath(String column) {
        return column.equals("path") || column.endsWith("_path");
    }

    /** A column that goes with the annotation join, after {@code etag}: {@code annotation_path}, {@code segmentation_etag}, … */
    private static boolean joined(String column) {
        return !column.equals("path") && !column.equals("etag") && (column.endsWith("_path") || column.endsWith("_etag"));
    }

    // ---- CSV

    /** One CSV line as pandas writes it ({@code sep=";"}, minimal quoting, "\n"). */
    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (i > 0) {
                out.append(';');
            }
            if (f.indexOf(';') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append('\n');
    }

    private record Parsed(List<String> header, List<String[]> rows, List<Long> lines) {
    }

    private static Parsed parse(String text, char delimiter, String path) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(delimiter);
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setSkipEmptyLines(true);
        settings.setMaxCharsPerColumn(1_000_000);
        settings.setMaxColumns(10_000);
        CsvParser parser = new CsvParser(settings);
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> header;
        String[] textLines = text.split("\r\n|\n|\r", -1);
        try {
            parser.beginParsing(new StringReader(text));
            String[] first = parser.parseNext();
            if (first == null) {
                throw corrupt(path, 1, "it is empty; a sample file starts with a header line such as path;category");
            }
            header = List.of(first);
            Set<String> seen = new HashSet<>();
            for (String h : header) {
                if (!seen.add(h)) {
                    throw corrupt(path, 1, "the header names the column '" + h + "' twice");
                }
            }
            long end = parser.getContext().currentLine();
            for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
                long start = end + 1;
                while (start <= textLines.length && textLines[(int) start - 1].isEmpty()) {
                    start++; // skipped empty lines
                }
                end = parser.getContext().currentLine();
                if (row.length != header.size()) {
                    throw corrupt(path, start, "it has " + row.length + " fields, the header " + header.size()
                            + (end > start ? " (the record runs on to line " + end + ": is a '\"' left unclosed?)"
                            : " (fields are separated by '" + delimiter + "'; quote a field that holds one)"));
                }
                rows.add(row);
                lines.add(start);
            }
        } catch (TextParsingException e) {
            throw corrupt(path, e.getLineIndex() + 1, "it is not valid CSV (" + e.getMessage().split("\n")[0] + ")");
        } finally {
            parser.stopParsing();
        }
        return new Parsed(header, rows, lines);
    }

    private static SampleException corrupt(String path, long line, String problem) {
        return new SampleException("Sample file " + path + ", line " + line + ": " + problem
                + "; fix the file or save it again with saveSamples");
    }

    // ---- the table

    private static Samples table(SampleSource dataset, Parsed parsed, String path) {
        List<String> header = parsed.header();
        int pathAt = header.indexOf("path");
        if (pathAt < 0) {
            throw corrupt(path, 1, "the header " + header + " has no 'path' column");
        }
        int n = parsed.rows().size();
        List<String[]> values = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            values.add(new String[n]);
        }
        for (int r = 0; r < n; r++) {
            String[] row = parsed.rows().get(r);
            long line = parsed.lines().get(r);
            for (int c = 0; c < header.size(); c++) {
                values.get(c)[r] = cell(dataset, header.get(c), row[c], path, line);
            }
        }
        String[] paths = values.get(pathAt);
        int categoryAt = header.indexOf("category");
        String[] category = categoryAt >= 0 ? values.get(categoryAt) : leafFolders(dataset, paths);
        int etagAt = header.indexOf("etag");
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        String[] etag;
        if (etagAt >= 0) {
            etag = values.get(etagAt);
        } else {
            List<StorageObject> objects = Stream.of(paths).map(p -> new StorageObject(p, 0, Optional.empty(), Instant.EPOCH)).toList();
            etag = n == 0 ? new String[0] : Etags.of(dataset.io(), objects, true, "sample");
            for (int r = 0; r < n; r++) {
                keep[r] = etag[r] != null;
            }
        }
        int referenceAt = header.indexOf("reference");
        String reference = dataset.reference().isEmpty() ? "N/A" : dataset.reference();

        Table t = Table.create(dataset.name());
        t.addColumns(StringColumn.create("category", kept(category, keep)),
                StringColumn.create("folder", kept(leafFolders(dataset, paths), keep)),
                StringColumn.create("path", kept(paths, keep)),
                StringColumn.create("etag", kept(etag, keep)));
        for (int c = 0; c < header.size(); c++) {
            if (joined(header.get(c))) {
                t.addColumns(StringColumn.create(header.get(c), kept(values.get(c), keep)));
            }
        }
        String[] urls = Stream.of(paths).map(dataset::getSampleUri).toArray(String[]::new);
        t.addColumns(StringColumn.create("bucket", kept(repeat(dataset.bucket(), n), keep)),
                StringColumn.create("dataset", kept(repeat(dataset.name(), n), keep)),
                StringColumn.create("dataset_id", kept(repeat(dataset.id(), n), keep)),
                StringColumn.create("reference", kept(referenceAt >= 0 ? values.get(referenceAt) : repeat(reference, n), keep)),
                StringColumn.create("url", kept(urls, keep)));
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (!t.containsColumn(name) && !DERIVED.contains(name)) {
                t.addColumns(StringColumn.create(name, kept(values.get(c), keep)));
            }
        }
        return new Samples(t, dataset.io());
    }

    /** One cell, checked and made absolute where it is a path. */
    private static String cell(SampleSource dataset, String column, String value, String path, long line) {
        if (column.equals("category")) {
            try {
                return Samples.category(PythonTuples.parse(value));
            } catch (IllegalArgumentException e) {
                throw corrupt(path, line, "its category " + e.getMessage());
            }
        }
        if (isPath(column)) {
            if (value.isEmpty()) {
                if (column.equals("path")) {
                    throw corrupt(path, line, "its path is empty");
                }
                return value;
            }
            if (RelativePaths.relative(dataset.bucket(), value).isPresent()) {
                return value;
            }
            Optional<String> problem = RelativePaths.problem(value);
            if (problem.isPresent()) {
                throw corrupt(path, line, "its " + column + " '" + value + "' is outside dataset '" + dataset.name() + "' ["
                        + dataset.bucket() + "]: " + problem.get());
            }
            return IoTools.join(dataset.bucket(), value);
        }
        if ((column.equals("bbox") || column.equals("size")) && !value.isEmpty()) {
            numbers(column, value, path, line);
        }
        return value;
    }

    /** Checks a {@code bbox} ({@code [x0, y0, x1, y1]}, not inverted) or {@code size} (non-negative numbers) cell. */
    private static void numbers(String column, String value, String path, long line) {
        List<Object> list;
        try {
            list = Json.parseList(value);
        } catch (Exception e) {
            throw corrupt(path, line, "its " + column + " '" + value + "' is not a JSON array of numbers");
        }
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(list.get(i) instanceof Number num) || !Double.isFinite(num.doubleValue())) {
                throw corrupt(path, line, "its " + column + " '" + value + "' holds " + list.get(i) + ", not a number");
            }
            v[i] = num.doubleValue();
        }
        if (column.equals("bbox")) {
            if (v.length != 4) {
                throw corrupt(path, line, "its bbox '" + value + "' has " + v.length + " numbers; a bbox is [x0, y0, x1, y1]");
            }
            if (v[2] < v[0] || v[3] < v[1]) {
                throw corrupt(path, line, "its bbox '" + value + "' has a negative size (x1 < x0 or y1 < y0); a bbox is [x0, y0, x1, y1]");
            }
        } else {
            for (double d : v) {
                if (d < 0) {
                    throw corrupt(path, line, "its size '" + value + "' is negative");
                }
            }
        }
    }

    private static String[] leafFolders(SampleSource dataset, String[] paths) {
        String[] out = new String[paths.length];
        for (int i = 0; i < paths.length; i++) {
            String rel = RelativePaths.relative(dataset.bucket(), paths[i]).orElse(paths[i]);
            int slash = rel.lastIndexOf('/');
            out[i] = slash < 0 ? "__root__" : rel.substring(rel.lastIndexOf('/', slash - 1) + 1, slash);
        }
        return out;
    }

    private static String[] kept(String[] values, boolean[] keep) {
        List<String> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (keep[i]) {
                out.add(values[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String[] repeat(String value, int n) {
        String[] out = new String[n];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
