package ai.brevetti.platform;

import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.data.samples.Samples;
import java.util.AbstractList;
import java.util.List;
import java.util.NoSuchElementException;

/** A job's datasets: a list, with {@link #first()} and the samples of them all. */
public final class Datasets extends AbstractList<Dataset> {
    private final List<Dataset> datasets;

    public Datasets(List<Dataset> datasets) {
        this.datasets = List.copyOf(datasets);
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
            throw new NoSuchElementException("The job has no datasets; give the model a dataset when you create it");
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

    @Override
    public String toString() {
        return "Datasets" + datasets.stream().map(d -> d.name() + " (" + d.id() + ")").toList();
    }
}
