package ai.brevetti.platform;

import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.samples.Tabular;
import ai.brevetti.internal.TextTable;
import java.util.AbstractList;
import java.util.List;
import java.util.NoSuchElementException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Datasets (a job's, or a listing's): a list, with {@link #first()} and the samples of them all; a table in
 * notebooks and at the terminal (name, id, bucket, reference, locked).
 */
public final class Datasets extends AbstractList<Dataset> implements Tabular {
    private final List<Dataset> datasets;
    private final String none;

    /** A job's datasets. */
    public Datasets(List<Dataset> datasets) {
        this(datasets, "The job has no datasets; give the model a dataset when you create it");
    }

    private Datasets(List<Dataset> datasets, String none) {
        this.datasets = List.copyOf(datasets);
        this.none = none;
    }

    /** The datasets a platform listed (says so when there are none). */
    static Datasets listed(List<Dataset> datasets) {
        return new Datasets(datasets, "The platform listed no datasets (none that you may read matched the filters)");
    }

    @Override
    public Dataset get(int index) {
        return datasets.get(index);
    }

    @Override
    public int size() {
        return datasets.size();
    }

    /** The first dataset. */
    public Dataset first() {
        if (datasets.isEmpty()) {
            throw new NoSuchElementException(none);
        }
        return datasets.get(0);
    }

    /** The dataset named {@code name}. */
    public Dataset named(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No dataset named '" + name + "'; the job has "
                        + datasets.stream().map(Dataset::name).toList()));
    }

    /** The images of every dataset, listed in parallel and concatenated. */
    public Samples samples() {
        if (datasets.isEmpty()) {
            throw new NoSuchElementException("The job has no datasets to list samples from");
        }
        return ImageSamples.options().list(datasets);
    }

    /**
     * The samples saved as {@code .samples/<target>} in every dataset that has that file, concatenated
     * (datasets in id order; Python's {@code get_samples(datasets, target)}).
     *
     * @throws ai.brevetti.data.samples.SampleException when no dataset has the file, or one is malformed
     */
    public Samples getSamples(String target) {
        List<Dataset> having = datasets.stream().filter(d -> d.io().isFile(d.getLocation("samples", target)))
                .sorted(java.util.Comparator.comparing(Dataset::id)).toList();
        if (having.isEmpty()) {
            throw new ai.brevetti.data.samples.SampleException("None of the datasets " + datasets.stream().map(Dataset::name).toList()
                    + " has a sample file '" + target + "'; save one with saveSamples(\"" + target + "\", samples)");
        }
        return Samples.concat(having.stream().map(d -> d.getSamples(target)).toList());
    }

    /**
     * Saves each dataset's rows of {@code samples} to its own {@code .samples/<target>} (Python's
     * {@code save_samples(datasets, target, df)}); datasets without rows are left as they are. Returns the
     * paths written.
     */
    public List<String> saveSamples(String target, Samples samples) {
        java.util.Set<String> ids = samples.has("dataset_id") ? new java.util.HashSet<>(samples.column("dataset_id")) : null;
        List<String> written = datasets.stream()
                .filter(d -> ids == null ? samples.column("path").stream().anyMatch(p -> p.startsWith(d.bucket() + "/")) : ids.contains(d.id()))
                .map(d -> d.saveSamples(target, samples)).toList();
        if (written.isEmpty()) {
            throw new ai.brevetti.data.samples.SampleException("None of the " + samples.size() + " samples is of the datasets "
                    + datasets.stream().map(Dataset::name).toList() + "; nothing was written");
        }
        return written;
    }

    /** One row per dataset: {@code name}, {@code id}, {@code bucket}, {@code reference}, {@code locked}. */
    @Override
    public Table table() {
        return Table.create("datasets",
                StringColumn.create("name", datasets.stream().map(Dataset::name)),
                StringColumn.create("id", datasets.stream().map(Dataset::id)),
                StringColumn.create("bucket", datasets.stream().map(Dataset::bucket)),
                StringColumn.create("reference", datasets.stream().map(Dataset::reference)),
                BooleanColumn.create("locked", datasets.stream().map(Dataset::locked).toList()));
    }

    /** The table as aligned text, fitted to the terminal. */
    @Override
    public String toString() {
        return TextTable.render("Datasets[" + datasets.size() + "]", table(), false, 100);
    }
}
