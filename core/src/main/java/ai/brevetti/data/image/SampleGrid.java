package ai.brevetti.data.image;

/**
 * Where the samples of one axis of a decoded image sit in the file: sample {@code i} is file pixel
 * {@code offset + i * step} of {@code fileSize}, or, for a grid of {@code blocks}, the mean of the file
 * pixels {@code [i * step, (i + 1) * step)} (centred on the block; the last block may be cut short by the
 * file's edge). A full decode has step 1 and offset 0; a JPEG decoded at a reduced scale keeps every
 * {@code step}-th pixel (ImageIO's source subsampling) or block means (libjpeg-turbo's scaled IDCT), and a
 * resize that knows the grid weighs the samples at their true positions in the file (so the result
 * approximates the full decode's, not a resize of a smaller picture).
 */
record SampleGrid(int samples, int fileSize, int step, int offset, boolean blocks) {
    SampleGrid {
        if (samples <= 0 || step <= 0 || offset < 0 || (blocks && offset != 0)
                || offset + (long) (samples - 1) * step >= fileSize
                || (blocks && (long) samples * step < fileSize)) {
            throw new IllegalArgumentException("Samples " + samples + " every " + step + " from " + offset
                    + (blocks ? " (block means)" : "") + " do not fit in " + fileSize);
        }
    }

    /** Samples that are file pixels. */
    SampleGrid(int samples, int fileSize, int step, int offset) {
        this(samples, fileSize, step, offset, false);
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

    /** The means of the blocks of {@code step} pixels of an axis of {@code fileSize}: {@code ceil(fileSize / step)} samples. */
    static SampleGrid blocks(int step, int fileSize) {
        return new SampleGrid((fileSize + step - 1) / step, fileSize, step, 0, true);
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

    /** See {@link #scale}: 0 for a full grid and for block means (a block's centre is its sample's centre). */
    double shift() {
        return blocks ? 0 : 0.5 - (offset + 0.5) / step;
    }
}
