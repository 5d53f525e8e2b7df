package ai.brevetti.data.image;

/**
 * One axis of an {@link ImageView} read from pixels that are each {@code step} full-image pixels wide (a
 * Deep Zoom level's; 1 for the image itself): the samples the box needs, {@code [first, first + samples)}
 * in those pixels, and where each view pixel's centre falls among them ({@code (o + 0.5) * scale + shift}).
 * A view pixel covers {@code zoom} full-image pixels from {@code from + o * zoom}.
 */
record ViewAxis(int first, int samples, double scale, double shift, int out) {
    /** The box's axis {@code [from, to)} at {@code zoom}, read from pixels {@code step} wide (a power of 2 not above the zoom). */
    static ViewAxis of(int from, int to, int zoom, int step) {
        int first = Math.floorDiv(from, step);
        int end = -Math.floorDiv(-to, step);
        return new ViewAxis(first, end - first, (double) zoom / step, (double) (from - (long) first * step) / step,
                ImageView.ceilDiv(to - from, zoom));
    }

    /** True when every view pixel is exactly one sample (the zoom is the step and the box starts on a sample). */
    boolean isIdentity() {
        return scale == 1 && shift == 0 && samples == out;
    }

    ResizeWeights weights() {
        return ResizeWeights.view(samples, out, scale, shift);
    }

    /** The view from rows covering {@code ys × xs}'s samples (zeros where they are outside the image). */
    static FloatImage resample(PixelRows region, ViewAxis ys, ViewAxis xs) {
        if (region.height() != ys.samples() || region.width() != xs.samples()) {
            throw new IllegalArgumentException("Rows of " + region.height() + "x" + region.width() + " for a view axis of "
                    + ys.samples() + "x" + xs.samples() + " samples");
        }
        if (ys.isIdentity() && xs.isIdentity()) {
            return region.toImage();
        }
        return Resize.resize(region, ys.weights(), xs.weights());
    }
}
