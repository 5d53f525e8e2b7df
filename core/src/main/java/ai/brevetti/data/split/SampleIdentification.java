package ai.brevetti.data.split;

import ai.brevetti.data.samples.SampleException;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.io.IoTools;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sample_identification.csv}: which purpose each sample (by its uniqueness columns, default the
 * etag, or by etag: see {@link #forSplit}) had, as the Python SDK writes it: a header of the key columns
 * and {@code purpose}, one line per key. Ids of samples no longer present are kept, so history is never
 * lost.
 */
final class SampleIdentification {
    private static final Logger LOG = LoggerFactory.getLogger(SampleSplit.class);

    private final List<String> keyColumns;
    /** Other key columns a file may have been written with (read as they are, and kept so). */
    private final List<List<String>> alsoReadable;

    private SampleIdentification(List<String> keyColumns, List<List<String>> alsoReadable) {
        this.keyColumns = List.copyOf(keyColumns);
        this.alsoReadable = List.copyOf(alsoReadable);
    }

    /**
     * Keyed by the uniqueness columns (the SDK's format) when their values name one group whatever the
     * stratum: without a stratification, or when they include the etag or every stratification column.
     * Otherwise (a path regex, or columns whose items are unique only within their stratum) keyed by etag:
     * the groups are rebuilt from the samples on every run, and one purpose per etag is always exact, where
     * one per item key would merge items of different strata. A file keyed by etag, or by the uniqueness
     * columns, is read whichever the split would write.
     */
    static SampleIdentification forSplit(Grouping uniqueness, Optional<Grouping> stratification) {
        List<String> etag = List.of("etag");
        if (!(uniqueness instanceof Grouping.Columns c)) {
            return new SampleIdentification(etag, List.of());
        }
        boolean global = stratification.isEmpty() || c.columns().contains("etag")
                || (stratification.get() instanceof Grouping.Columns s && c.columns().containsAll(s.columns()));
        return global ? new SampleIdentification(c.columns(), c.columns().equals(etag) ? List.of() : List.of(etag))
                : new SampleIdentification(etag, List.of(c.columns()));
    }

    /** The columns the file is keyed by. */
    List<String> keyColumns() {
        return keyColumns;
    }

    /**
     * The file's rows: key → purpose (duplicates resolved train > devel > test), every row as read, and the
     * format it is in (to merge and write it back with).
     */
    record Loaded(SampleIdentification format, Map<List<String>, String> purposeByKey, List<List<String>> rows) {
    }

    /** The samples with the file's purposes, and the file's rows whose keys no sample has. */
    record Merged(Samples samples, List<List<String>> unknownRows) {
    }

    Loaded read(IoTools io, String path) {
        String text = io.readText(path);
        CsvParserSettings settings = new CsvParserSettings();
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(100_000);
        CsvParser parser = new CsvParser(settings);
        Map<List<String>, String> byKey = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        SampleIdentification format;
        try {
            parser.beginParsing(new StringReader(text));
            String[] header = parser.parseNext();
            if (header == null) {
                throw corrupt(path, 1, "it is empty; expected the header " + String.join(",", keyColumns) + ",purpose");
            }
            List<String> columns = List.of(header);
            format = formatOf(columns);
            if (format == null) {
                throw corrupt(path, 1, "the header is " + String.join(",", columns) + "; expected "
                        + String.join(",", expectedHeader()) + alsoReadable.stream()
                                .map(k -> " or " + String.join(",", k) + "," + SampleSplit.PURPOSE).collect(Collectors.joining())
                        + " (the key columns and purpose)");
            }
            int keySize = format.keyColumns.size();
            for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
                long line = parser.getContext().currentLine();
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (row.length != header.length) {
                    throw corrupt(path, line, "it has " + row.length + " fields, the header " + header.length);
                }
                List<String> values = List.of(row);
                List<String> key = values.subList(0, keySize);
                String purpose = values.get(keySize);
                rows.add(values);
                if (!purpose.isEmpty()) {
                    byKey.merge(key, purpose, Purposes::winner);
                }
            }
        } catch (TextParsingException e) {
            throw corrupt(path, e.getLineIndex() + 1, "it is not valid CSV (" + e.getMessage().split("\n")[0] + ")");
        } finally {
            parser.stopParsing();
        }
        return new Loaded(format, byKey, rows);
    }

    private SampleIdentification formatOf(List<String> header) {
        if (header.equals(expectedHeader())) {
            return this;
        }
        for (List<String> other : alsoReadable) {
            SampleIdentification format = new SampleIdentification(other, List.of());
            if (header.equals(format.expectedHeader())) {
                return format;
            }
        }
        return null;
    }

    private List<String> expectedHeader() {
        List<String> header = new ArrayList<>(keyColumns);
        header.add(SampleSplit.PURPOSE);
        return header;
    }

    private static SampleException corrupt(String path, long line, String why) {
        return new SampleException("The sample identification file '" + path + "' cannot be used: line " + line + ": " + why
                + ". It was not changed; fix or remove it to split anew.");
    }

    Merged merge(Samples samples, Loaded loaded) {
        List<List<String>> keys = keys(samples);
        List<String> purposes = samples.has(SampleSplit.PURPOSE) ? new ArrayList<>(samples.column(SampleSplit.PURPOSE))
                : new ArrayList<>(java.util.Collections.nCopies(samples.size(), ""));
        Set<List<String>> present = new HashSet<>(keys);
        for (int r = 0; r < samples.size(); r++) {
            String known = loaded.purposeByKey().get(keys.get(r));
            if (known != null) {
                purposes.set(r, known);
            }
        }
        List<List<String>> unknown = loaded.rows().stream()
                .filter(row -> !present.contains(row.subList(0, keyColumns.size()))).toList();
        return new Merged(samples.withColumn(SampleSplit.PURPOSE, purposes), unknown);
    }

    private List<List<String>> keys(Samples samples) {
        for (String c : keyColumns) {
            if (!samples.has(c)) {
                throw new SampleException("The samples have no column '" + c + "' to identify them by");
            }
        }
        List<List<String>> columns = keyColumns.stream().map(samples::column).toList();
        List<List<String>> keys = new ArrayList<>(samples.size());
        for (int r = 0; r < samples.size(); r++) {
            int row = r;
            keys.add(columns.stream().map(c -> c.get(row)).toList());
        }
        return keys;
    }

    /** Writes the samples' keys and purposes (one line per key, the winning purpose), then the extra rows. */
    void write(IoTools io, String path, Samples samples, List<List<String>> extra) {
        List<List<String>> keys = keys(samples);
        List<String> purposes = samples.column(SampleSplit.PURPOSE);
        Map<List<String>, String> byKey = new LinkedHashMap<>();
        int conflicts = 0;
        for (int r = 0; r < samples.size(); r++) {
            String before = byKey.get(keys.get(r));
            String p = purposes.get(r);
            if (before == null) {
                byKey.put(keys.get(r), p);
            } else if (!before.equals(p)) {
                conflicts++;
                byKey.put(keys.get(r), before.isEmpty() ? p : Purposes.winner(before, p));
            }
        }
        if (conflicts > 0) {
            LOG.warn("Duplicate {} entries among samples, saving highest priority purpose", keyColumns);
        }
        StringWriter out = new StringWriter();
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setLineSeparator("\n");
        CsvWriter writer = new CsvWriter(out, settings);
        writer.writeRow(expectedHeader());
        byKey.forEach((key, purpose) -> {
            List<String> row = new ArrayList<>(key);
            row.add(purpose);
            writer.writeRow(row);
        });
        extra.forEach(writer::writeRow);
        writer.close();
        io.writeFile(path, out.toString());
    }
}
