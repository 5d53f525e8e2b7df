package ai.brevetti.data.image;

/**
 * Where the samples of one axis of a decoded image sit in the file: sample {@code i} is file pixel
 * {@code offset + i * step} of {@code fileSize}. A full decode has step 1 and offset 0; a JPEG decoded at a
 * reduced scale keeps every {@code step}-th pixel, and a resize that knows the grid weighs the samples at
 * their true positions in the file (so the result approximates the full decode's, not a resize of a
 * smaller picture).
 */
record SampleGrid(int samples, int fileSize, int step, int offset) {
    SampleGrid {
        if (samples <= 0 || step <= 0 || offset < 0 || offset + (long) (samples - 1) * step >= fileSize) {
            throw new IllegalArgumentException("Samples " + samples + " every " + step + " from " + offset + " do not fit in " + fileSize);
        }
    }

    /** Every pixel of an axis of {@code size}. */
    static SampleGrid full(int size) {
        return new SampleGrid(size, size, 1, 0);
    }

    /** Every {@code step}-th pixel of an axis of {@code fileSize}, from the middle of the first step ({@code (step - 1) / 2}). */
    static SampleGrid every(int step, int fileSize) {
        int offset = (step - 1) / 2;
        return new SampleGrid((fileSize - offset + step - 1) / step, fileSize, step, offset);
    }

    boolean isFull() {
        return step == 1 && offset == 0 && samples == fileSize;
    }

    /**
     * Output position {@code o + 0.5} (half-pixel centres) of a resize to {@code out} maps to
     * {@code (o + 0.5) * scale(out) + shift()} in sample units (sample {@code i} spans {@code [i, i + 1)}):
     * {@code fileSize / (out * step)} file pixels per output pixel, in samples.
     */
    double scale(int out) {
        return (double) fileSize / (out * step);
    }

    /** See {@link #scale}: 0 for a full grid. */
    double shift() {
        return 0.5 - (offset + 0.5) / step;
    }
}
