package ai.brevetti.bench;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.ViewGlimpseFromBBox;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.LocalStorage;
import ai.brevetti.io.StorageBackend;
import ai.brevetti.io.StorageObject;
import ai.brevetti.testing.DeepZoomPyramid;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * 64×64 glimpses of a large Deep Zoom image through the generator ({@link ViewGlimpseFromBBox} then
 * {@link ImagePipeline}), against decoding the whole image with ImageIO (the naive way to get a window).
 *
 * <p>The image (default 20,000 × 20,000) is generated once into {@code target/glimpse-bench/} as a
 * pyramid of JPEG tiles of 254 pixels with an overlap of 1 (256 inside), in the Brevetti platform's layout
 * ({@code .tiles/big.tif/dzi.json}, {@code image_files/}); the samples name {@code big.tif}, which the
 * pipeline resolves to its tiles. Every tile file is read once before timing (a warm OS cache: the tiles
 * are local files, which {@code IoTools} reads as it reads a remote dataset's cached copies). Each round
 * loads {@code --glimpses} windows at random positions with {@code --workers} threads; a storage backend
 * wrapping the local one counts the tile reads. Reported: the median glimpses/s, tiles read per glimpse,
 * and the target (≥ 1,000 glimpses/s at zoom 1) met or missed.
 *
 * <p>The peer decodes a {@code --peer-size}² JPEG of the same pattern with {@code ImageIO.read} and crops
 * 64×64 from it: one glimpse per decode. A 20,000² raster would take 1.2 GB, so the peer's image is
 * smaller by default, and its time is scaled to the large image by its pixel count (decoding is linear in
 * pixels): that scaled rate is the one compared.
 */
public final class GlimpseBenchmark {
    private static final int TARGET = 1_000;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private GlimpseBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        BenchOptions options = new BenchOptions(Map.of("size", 20_000L, "tile", 254L, "overlap", 1L, "glimpses", 4_000L,
                "rounds", 7L, "warmup", 2L, "workers", (long) Runtime.getRuntime().availableProcessors(), "peer-size", 5_000L,
                "peer-rounds", 5L, "batch", 32L), args);
        int size = options.integer("size");
        int tile = options.integer("tile");
        int overlap = options.integer("overlap");
        Path root = Path.of("target", "glimpse-bench", size + "-" + tile + "-" + overlap).toAbsolutePath();
        Path header = root.resolve(".tiles/big.tif/dzi.json");
        Path tiles = root.resolve(".tiles/big.tif/image_files");
        generate(size, tile, overlap, root, header, tiles);
        long bytes = warm(tiles);
        System.out.printf(Locale.ROOT, "%s; %d cores; %s%n", options, Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf(Locale.ROOT, "pyramid: %s, %.0f MB of tiles read once before timing%n", root, bytes / 1e6);

        double[][] zoom1 = glimpses(options, root, 1);
        glimpses(options, root, 4);
        double[] glimpses = zoom1[0];
        double[] peerCpu = new double[1];
        double peer = peer(options, peerCpu);
        double scaledPeer = peer * options.integer("peer-size") * (double) options.integer("peer-size") / ((double) size * size);
        double median = BenchOptions.median(glimpses);
        System.out.printf(Locale.ROOT, "%nzoom 1: %,.0f glimpses/s (median)   naive, scaled to %,d²: %.3f glimpses/s   ratio %,.0fx%n",
                median, size, scaledPeer, median / scaledPeer);
        double cpuMedian = BenchOptions.median(zoom1[1]);
        double scaledPeerCpu = peerCpu[0] * options.integer("peer-size") * (double) options.integer("peer-size") / ((double) size * size);
        System.out.printf(Locale.ROOT, "zoom 1 per CPU-second: %,.0f glimpses   naive, scaled: %.3f   ratio %,.0fx%n",
                cpuMedian, scaledPeerCpu, cpuMedian / scaledPeerCpu);
        System.out.printf(Locale.ROOT, "target >= %,d glimpses/s on %d workers: %s (wall clock, %s); %s on %d idle cores (CPU time x cores)%n",
                TARGET, options.integer("workers"), median >= TARGET ? "MET" : "missed", loadAverage(),
                cpuMedian * CORES >= TARGET ? "MET" : "missed", CORES);
        System.out.printf(Locale.ROOT, "%s%n", loadAverage());
    }

    /** Rounds of glimpses at {@code zoom}: glimpses/s and glimpses per CPU-second per round (printed with the tiles read per glimpse). */
    private static double[][] glimpses(BenchOptions options, Path root, int zoom) {
        int n = options.integer("glimpses");
        int size = options.integer("size");
        String[] paths = new String[n];
        Arrays.fill(paths, root.resolve("big.tif").toString());
        String[] buckets = new String[n];
        Arrays.fill(buckets, root.toString());
        String[] boxes = new String[n];
        Arrays.fill(boxes, "[0, 0, " + size + ", " + size + "]");
        String[] sizes = new String[n];
        Arrays.fill(sizes, "[" + size + ", " + size + "]");
        Samples samples = Samples.of(Table.create("glimpses", StringColumn.create("category", paths), StringColumn.create("path", paths),
                StringColumn.create("bucket", buckets), StringColumn.create("bbox", boxes), StringColumn.create("size", sizes)));
        CountingStorage storage = new CountingStorage();
        IoTools io = new IoTools().register(storage);
        int rounds = options.integer("rounds");
        int warmup = options.integer("warmup");
        double[] rates = new double[rounds];
        double[] perGlimpse = new double[rounds];
        double[] cpuRates = new double[rounds];
        System.out.printf(Locale.ROOT, "%nzoom %d: %d glimpses of 64x64 (windows of %d² pixels) per round, %d workers, batches of %d%n",
                zoom, n, 64 * zoom, options.integer("workers"), options.integer("batch"));
        for (int r = -warmup; r < rounds; r++) {
            DataGenerator generator = samples.generator().seed(1000 + r).batchSize(options.integer("batch")).workers(options.integer("workers"))
                    .map(new ViewGlimpseFromBBox(64, 64).zoomFactor(zoom), new ImagePipeline().io(io));
            long reads = storage.tiles.get();
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            long count = 0;
            for (Batch b : generator) {
                count += b.tensor("img").dim(0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
            if (count != n) {
                throw new IllegalStateException(count + " glimpses, not " + n);
            }
            double tilesEach = (storage.tiles.get() - reads) / (double) n;
            if (r >= 0) {
                rates[r] = n / seconds;
                perGlimpse[r] = tilesEach;
                cpuRates[r] = n / cpu;
            }
            System.out.printf(Locale.ROOT, "  %s %2d: %,8.0f glimpses/s   %,8.0f per CPU-second   %.2f tiles read per glimpse   %s%n",
                    r < 0 ? "warm-up" : "round  ", Math.abs(r), n / seconds, n / cpu, tilesEach, loadAverage());
        }
        System.out.printf(Locale.ROOT, "  median: %,.0f glimpses/s, %,.0f per CPU-second of the process (x %d cores = %,.0f/s on idle cores), "
                + "%.2f tiles per glimpse%n", BenchOptions.median(rates), BenchOptions.median(cpuRates), CORES,
                BenchOptions.median(cpuRates) * CORES, BenchOptions.median(perGlimpse));
        return new double[][] {rates, cpuRates};
    }

    /** The naive peer: decode a whole JPEG with ImageIO, crop 64×64. Glimpses/s of the peer's own image (median). */
    private static double peer(BenchOptions options, double[] perCpuSecond) throws Exception {
        int p = options.integer("peer-size");
        Path file = Path.of("target", "glimpse-bench", "peer-" + p + ".jpg").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            BufferedImage image = Pattern.region(0, 0, p, p, 1);
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "jpg", partial.toFile());
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        int rounds = options.integer("peer-rounds");
        double[] seconds = new double[rounds];
        double[] cpuSeconds = new double[rounds];
        System.out.printf(Locale.ROOT, "%nnaive peer: ImageIO.read of a %,d² JPEG (%.1f MB), then a 64x64 crop%n", p, Files.size(file) / 1e6);
        for (int r = -1; r < rounds; r++) {
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            BufferedImage whole = ImageIO.read(file.toFile());
            BufferedImage crop = whole.getSubimage(p / 2, p / 2, 64, 64);
            double s = (System.nanoTime() - start) / 1e9;
            double cpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
            if (crop.getWidth() != 64) {
                throw new IllegalStateException();
            }
            if (r >= 0) {
                seconds[r] = s;
                cpuSeconds[r] = cpu;
            }
            System.out.printf(Locale.ROOT, "  %s %d: %,.0f ms (%.1f ms per megapixel)%n", r < 0 ? "warm-up" : "round  ", Math.max(r, 0),
                    s * 1e3, s * 1e3 / (p * (double) p / 1e6));
        }
        double median = BenchOptions.median(seconds);
        perCpuSecond[0] = 1 / BenchOptions.median(cpuSeconds);
        System.out.printf(Locale.ROOT, "  median: %,.0f ms per whole-image decode = %.2f glimpses/s at %,d²%n", median * 1e3, 1 / median, p);
        return 1 / median;
    }

    /** Writes the pyramid once (a marker file says it is complete). */
    private static void generate(int size, int tile, int overlap, Path root, Path header, Path tiles) throws Exception {
        Path done = root.resolve("complete");
        if (Files.isRegularFile(done)) {
            return;
        }
        System.out.printf(Locale.ROOT, "generating a %,d² pyramid of %d-pixel JPEG tiles in %s (once)...%n", size, tile, root);
        long start = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // each thread writes every threads-th row of tiles of every level
            Files.createDirectories(header.getParent());
            Files.writeString(header, DeepZoomPyramid.header(size, size, tile, overlap, "jpg", false));
            int top = DeepZoomPyramid.maxLevel(size, size);
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                parts.add(pool.submit(() -> DeepZoomPyramid.writeTiles(size, size,
                        (level, x, y, w, h) -> Pattern.region(x, y, w, h, 1 << (top - level)),
                        tiles, tile, overlap, "jpg", 0.9f, (level, column, row) -> row % threads == part)));
            }
            int count = 0;
            for (Future<Integer> f : parts) {
                count += f.get();
            }
            System.out.printf(Locale.ROOT, "  %,d tiles in %.0f s%n", count, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
        Files.writeString(done, "ok");
    }

    /** Reads every tile once (the OS cache); the bytes read. */
    private static long warm(Path tiles) throws Exception {
        long total = 0;
        try (Stream<Path> files = Files.walk(tiles)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                total += Files.readAllBytes(f).length;
            }
        }
        return total;
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "load average %.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The image: smooth waves with some per-pixel texture, as an inspection photograph might have. */
    static final class Pattern {
        private Pattern() {}

        /** Pixels {@code [x, x + w) × [y, y + h)} of the level whose pixels are {@code step} full pixels wide. */
        static BufferedImage region(int x, int y, int w, int h, int step) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
            double[] waveX = new double[w];
            for (int i = 0; i < w; i++) {
                waveX[i] = Math.sin(((x + i) * (double) step + step / 2.0) / 211.0);
            }
            for (int j = 0; j < h; j++) {
                double Y = (y + j) * (double) step + step / 2.0;
                double waveY = Math.cos(Y / 157.0);
                for (int i = 0; i < w; i++) {
                    long X = (long) ((x + i) * (double) step);
                    int noise = (int) (((X * 0x9E3779B97F4A7C15L) ^ ((long) Y * 0xC2B2AE3D27D4EB4FL)) >>> 59) - 16;
                    int v = (int) (128 + 90 * waveX[i] * waveY) + noise;
                    int at = (j * w + i) * 3;
                    data[at] = (byte) clamp(v + 20); // blue
                    data[at + 1] = (byte) clamp(v);
                    data[at + 2] = (byte) clamp(255 - v); // red
                }
            }
            return out;
        }

        private static int clamp(int v) {
            return Math.max(0, Math.min(255, v));
        }
    }

    /** The local storage, counting the reads of tiles ({@code image_files/}). */
    private static final class CountingStorage implements StorageBackend {
        private final LocalStorage local = new LocalStorage();
        final AtomicLong tiles = new AtomicLong();

        @Override
        public boolean handles(String path) {
            return local.handles(path);
        }

        @Override
        public byte[] read(String path) {
            if (path.contains("/image_files/")) {
                tiles.incrementAndGet();
            }
            return local.read(path);
        }

        @Override
        public InputStream open(String path) {
            return local.open(path);
        }

        @Override
        public void write(String path, byte[] content) {
            local.write(path, content);
        }

        @Override
        public boolean exists(String path) {
            return local.exists(path);
        }

        @Override
        public boolean isFile(String path) {
            return local.isFile(path);
        }

        @Override
        public Stream<StorageObject> list(String prefix, boolean excludeHidden) {
            return local.list(prefix, excludeHidden);
        }

        @Override
        public void copy(String source, String destination) {
            local.copy(source, destination);
        }

        @Override
        public void remove(String path) {
            local.remove(path);
        }

        @Override
        public void makeDirs(String path) {
            local.makeDirs(path);
        }

        @Override
        public String md5(String path) {
            return local.md5(path);
        }
    }
}
