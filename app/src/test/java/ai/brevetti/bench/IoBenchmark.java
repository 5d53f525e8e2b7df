package ai.brevetti.bench;

import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.io.StorageObject;
import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.StsCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * IoTools against the local platform's S3, each figure next to a plain-JDK peer measured in the same run:
 *
 * <ol>
 *   <li>reading N files of a prefix {@link IoTools#declareImmutable declared immutable} (as a job declares its
 *       datasets) that are in the {@link IoTools#setCacheRoot cache} (no S3 request) against
 *       {@code Files.readAllBytes} of the same bytes in a plain folder; target ratio ≤ 1.2×;</li>
 *   <li>reading the same files through a cache that revalidates them (one conditional GET each, answered
 *       304), against the same local read: the cost of the rule for paths a job may write;</li>
 *   <li>listing 10,000 keys with {@link IoTools#list} (ListObjectsV2 pages) against {@code Files.walk} of
 *       10,000 local files.</li>
 * </ol>
 *
 * Rounds of the two sides alternate (A B, B A, …) after untimed warm-up rounds (default 50 for the reads,
 * about 10,000 calls so the JIT has compiled the read path; 1 for the listing and 2 for the revalidated reads);
 * medians are reported. Usage: {@code bin/bench IoBenchmark [--files N] [--size BYTES] [--rounds R] [--warmup W]
 * [--keys K] [--list-rounds L] [--revalidate-rounds V]}.
 */
public final class IoBenchmark {
    private static final double TARGET_RATIO = 1.2;
    private static final int UPLOAD_THREADS = 8;

    /** Keeps results alive so the JIT cannot drop the reads. */
    private static volatile long sink;

    /** Command-line options with the defaults of the brief. */
    record Options(int files, int size, int rounds, int warmup, int keys, int listRounds, int revalidateRounds) {
        static Options parse(String[] args) {
            int[] v = {200, 100 * 1024, 15, 50, 10_000, 5, 7};
            List<String> names = List.of("--files", "--size", "--rounds", "--warmup", "--keys", "--list-rounds", "--revalidate-rounds");
            for (int i = 0; i < args.length; i += 2) {
                int which = names.indexOf(args[i]);
                if (which < 0 || i + 1 >= args.length) {
                    throw new IllegalArgumentException("Unknown or incomplete option '" + args[i] + "'; options: " + names);
                }
                v[which] = Integer.parseInt(args[i + 1].replace("_", ""));
                if (v[which] < (which == 3 ? 0 : 1)) {
                    throw new IllegalArgumentException(args[i] + " must be positive");
                }
            }
            return new Options(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
    }

    /** One timed round's work; returns something derived from what it read (checked, and fed to the sink). */
    @FunctionalInterface
    interface Work {
        long run() throws IOException;
    }

    /** Round times of one side, in nanoseconds. */
    record Series(String name, List<Long> nanos) {
        Series(String name) {
            this(name, new ArrayList<>());
        }

        /** Runs {@code work} once, timed, and checks its result. */
        void time(Work work, long expected) {
            long start = System.nanoTime();
            long result = call(work);
            nanos.add(System.nanoTime() - start);
            if (result != expected) {
                throw new IllegalStateException(name + ": expected " + expected + ", got " + result);
            }
        }

        double medianMs() {
            return median(nanos.stream().map(n -> n / 1e6).toList());
        }

        double ms(int round) {
            return nanos.get(round) / 1e6;
        }
    }

    /** Two sides measured in alternating order: round i runs A then B when i is even, B then A otherwise. */
    record Duel(Series a, Series b) {
        static Duel run(String nameA, Work a, String nameB, Work b, long expected, int warmup, int rounds) {
            for (int i = 0; i < warmup; i++) {
                sink += call(a) + call(b);
            }
            Duel duel = new Duel(new Series(nameA), new Series(nameB));
            for (int i = 0; i < rounds; i++) {
                if (i % 2 == 0) {
                    duel.a.time(a, expected);
                    duel.b.time(b, expected);
                } else {
                    duel.b.time(b, expected);
                    duel.a.time(a, expected);
                }
            }
            return duel;
        }

        /** Ratio of the medians, A over B. */
        double ratio() {
            return a.medianMs() / b.medianMs();
        }

        /** Median of the per-round ratios A/B: each pair ran back to back, so load that hits both cancels out. */
        double pairedRatio() {
            return median(IntStream.range(0, a.nanos.size()).mapToObj(i -> (double) a.nanos.get(i) / b.nanos.get(i)).toList());
        }

        void printRounds(String unit) {
            System.out.printf("  %-5s %14s %14s%n", "round", a.name + " " + unit, b.name + " " + unit);
            for (int i = 0; i < a.nanos.size(); i++) {
                System.out.printf("  %-5d %14.2f %14.2f%s%n", i + 1, a.ms(i), b.ms(i), i % 2 == 0 ? "" : "   (" + b.name + " first)");
            }
        }
    }

    record ReadResult(Duel duel, double coldMs, long coldGets, long cachedGets) {
    }

    record ListResult(Duel duel, double uploadSeconds, long pagesPerListing) {
    }

    record RevalidatedResult(Duel duel, long getsPerRound) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.ai.brevetti", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.gaul", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("IoBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path work = Files.createTempDirectory("brevettiai-iobench");
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(work.resolve("platform")))) {
            PlatformApi api = platform.api();
            Dataset ds = api.createDataset("bench", "", "", List.of());
            StsCredentials credentials = api.getDatasetCredentials(ds.id());
            String readPrefix = ds.bucket() + "/read";
            try (IoTools io = new IoTools().register(new S3Storage().route(ds.bucket(), credentials::toS3Access))
                    .setCacheRoot(Files.createDirectories(work.resolve("cache"))).declareImmutable(readPrefix);
                 IoTools revalidating = new IoTools().register(new S3Storage().route(ds.bucket(), credentials::toS3Access))
                    .setCacheRoot(Files.createDirectories(work.resolve("cache-revalidated")))) {
                ReadResult read = readBenchmark(options, platform, io, readPrefix, work.resolve("local-read"));
                RevalidatedResult revalidated = revalidatedBenchmark(options, platform, revalidating, readPrefix, work.resolve("local-read"));
                ListResult list = listBenchmark(options, platform, io, ds.bucket() + "/keys", work.resolve("local-keys"));
                report(options, read, revalidated, list);
            }
        } finally {
            deleteTree(work);
        }
    }

    // ---- 1. cached remote read vs plain local read

    static ReadResult readBenchmark(Options o, LocalPlatform platform, IoTools io, String prefix, Path localDir) throws IOException {
        System.out.printf("Uploading %d files of %,d bytes...%n", o.files(), o.size());
        byte[][] contents = IntStream.range(0, o.files()).mapToObj(i -> randomBytes(i, o.size())).toArray(byte[][]::new);
        List<String> remote = IntStream.range(0, o.files()).mapToObj(i -> prefix + "/" + fileName(i)).toList();
        List<Path> local = IntStream.range(0, o.files()).mapToObj(i -> localDir.resolve(fileName(i))).toList();
        Files.createDirectories(localDir);
        for (int i = 0; i < o.files(); i++) {
            writeInOneCall(local.get(i), contents[i]);
        }
        parallel(o.files(), i -> io.writeFile(remote.get(i), contents[i]));

        long getsBefore = platform.s3Stats().gets();
        long start = System.nanoTime();
        List<byte[]> cold = remote.stream().map(io::readFile).toList();
        double coldMs = (System.nanoTime() - start) / 1e6;
        long coldGets = platform.s3Stats().gets() - getsBefore;
        for (int i = 0; i < o.files(); i++) {
            if (!Arrays.equals(cold.get(i), contents[i]) || !Arrays.equals(io.readFile(remote.get(i)), contents[i])) {
                throw new IllegalStateException("Read back different bytes for " + remote.get(i));
            }
        }

        long expected = (long) o.files() * o.size();
        long getsBeforeCached = platform.s3Stats().gets();
        Duel duel = Duel.run("cached", () -> totalLength(remote, io::readFile), "local", () -> totalLength(local, Files::readAllBytes),
                expected, o.warmup(), o.rounds());
        long cachedGets = platform.s3Stats().gets() - getsBeforeCached;
        System.out.println("Read rounds (all " + o.files() + " files each):");
        duel.printRounds("ms");
        return new ReadResult(duel, coldMs, coldGets, cachedGets);
    }

    @FunctionalInterface
    interface Reader<T> {
        byte[] read(T file) throws IOException;
    }

    private static <T> long totalLength(List<T> files, Reader<T> reader) throws IOException {
        long total = 0;
        for (T file : files) {
            total += reader.read(file).length;
        }
        return total;
    }

    // ---- 2. revalidated remote read (one conditional GET per file) vs plain local read

    static RevalidatedResult revalidatedBenchmark(Options o, LocalPlatform platform, IoTools io, String prefix, Path localDir)
            throws IOException {
        List<String> remote = IntStream.range(0, o.files()).mapToObj(i -> prefix + "/" + fileName(i)).toList();
        List<Path> local = IntStream.range(0, o.files()).mapToObj(i -> localDir.resolve(fileName(i))).toList();
        long expected = (long) o.files() * o.size();
        if (totalLength(remote, io::readFile) != expected) {
            throw new IllegalStateException("The first revalidated round read other sizes");
        }
        int warmup = Math.min(o.warmup(), 2);
        List<Object> copies = cachedCopies(io, remote);
        long getsBefore = platform.s3Stats().gets();
        Duel duel = Duel.run("revalidated", () -> totalLength(remote, io::readFile), "local", () -> totalLength(local, Files::readAllBytes),
                expected, warmup, o.revalidateRounds());
        long getsPerRound = (platform.s3Stats().gets() - getsBefore) / (warmup + o.revalidateRounds());
        if (!copies.equals(cachedCopies(io, remote))) {
            throw new IllegalStateException("A revalidated read replaced its cached copy: the object had not changed (expected 304)");
        }
        System.out.println("Revalidated read rounds (all " + o.files() + " files each, one conditional GET per file):");
        duel.printRounds("ms");
        return new RevalidatedResult(duel, getsPerRound);
    }

    /** The identity (inode) of each file's cached copy: a copy replaced by a download gets a new one. */
    private static List<Object> cachedCopies(IoTools io, List<String> remote) throws IOException {
        Path root = io.cacheRoot().orElseThrow();
        List<Object> keys = new ArrayList<>();
        for (String path : remote) {
            Path copy = root.resolve(path.replace(":", "").replace("//", "/"));
            keys.add(Files.readAttributes(copy, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        }
        return keys;
    }

    // ---- 3. listing many keys vs walking a local folder

    static ListResult listBenchmark(Options o, LocalPlatform platform, IoTools io, String prefix, Path localDir) throws IOException {
        byte[] tiny = "tiny".getBytes(StandardCharsets.UTF_8);
        System.out.printf("Uploading %,d tiny objects with %d threads...%n", o.keys(), UPLOAD_THREADS);
        long start = System.nanoTime();
        parallel(o.keys(), i -> io.writeFile(prefix + "/" + keyName(i), tiny));
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(localDir);
        for (int i = 0; i < o.keys(); i++) {
            Files.write(localDir.resolve(keyName(i)), tiny);
        }

        int warmup = Math.min(o.warmup(), 1);
        long listsBefore = platform.s3Stats().lists();
        Duel duel = Duel.run("S3 list", () -> countListed(io, prefix), "local walk", () -> countWalked(localDir),
                o.keys(), warmup, o.listRounds());
        long pages = (platform.s3Stats().lists() - listsBefore) / (warmup + o.listRounds());
        System.out.println("Listing rounds (" + String.format(Locale.ROOT, "%,d", o.keys()) + " entries each):");
        duel.printRounds("ms");
        return new ListResult(duel, uploadSeconds, pages);
    }

    private static long countListed(IoTools io, String prefix) {
        try (Stream<StorageObject> objects = io.list(prefix, false)) {
            return objects.count();
        }
    }

    private static long countWalked(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    // ---- report

    static void report(Options o, ReadResult read, RevalidatedResult revalidated, ListResult list) {
        Duel r = read.duel();
        Duel l = list.duel();
        double ratio = r.ratio();
        System.out.println();
        System.out.printf(Locale.ROOT, "IoBenchmark (median of %d rounds, %d files x %s; %d cores, Java %s)%n", o.rounds(), o.files(),
                size(o.size()), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "cold S3 read     : %.1f ms (first round, %d GETs, fills the cache)%n", read.coldMs(), read.coldGets());
        System.out.printf(Locale.ROOT, "cached S3 read   : %.2f ms/round%n", r.a().medianMs());
        System.out.printf(Locale.ROOT, "plain local read : %.2f ms/round%n", r.b().medianMs());
        System.out.printf(Locale.ROOT, "ratio            : %.2fx (target <= %.1fx, %s)  S3 GETs during cached rounds: %d%n", ratio,
                TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "MISSED", read.cachedGets());
        System.out.printf(Locale.ROOT, "paired ratio     : %.2fx (median of the per-round ratios)%n", r.pairedRatio());
        Duel v = revalidated.duel();
        System.out.printf(Locale.ROOT, "revalidated read : %.2f ms/round (%.3f ms a file, %d GETs a round, all 304), %.1fx a local read "
                        + "(median of %d); the cold round was %.3f ms a file%n", v.a().medianMs(), v.a().medianMs() / o.files(),
                revalidated.getsPerRound(), v.ratio(), o.revalidateRounds(), read.coldMs() / o.files());
        System.out.printf(Locale.ROOT, "upload %,d keys : %.1f s (%d threads, %,.0f puts/s)%n", o.keys(), list.uploadSeconds(),
                UPLOAD_THREADS, o.keys() / list.uploadSeconds());
        System.out.printf(Locale.ROOT, "listing %,d keys: %,.0f keys/s (S3, %d pages, median of %d)  vs local walk %,.0f files/s  (%.1fx slower)%n",
                o.keys(), perSecond(o.keys(), l.a()), list.pagesPerListing(), o.listRounds(), perSecond(o.keys(), l.b()), l.ratio());
    }

    private static double perSecond(int count, Series series) {
        return count / (series.medianMs() / 1e3);
    }

    private static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    // ---- helpers

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fileName(int i) {
        return String.format(Locale.ROOT, "file-%05d.bin", i);
    }

    private static String keyName(int i) {
        return String.format(Locale.ROOT, "key-%05d.txt", i);
    }

    private static byte[] randomBytes(int seed, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * Writes {@code bytes} with a single write call, as IoTools' cache does (LocalStorage streams the whole array
     * at once). The layout matters: on this ext4 machine a 100 KB file written in one call reads back ~20 % faster
     * than one written in 8 KB pieces by {@code Files.write}, which would tilt the comparison towards the cache.
     */
    private static void writeInOneCall(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static long call(Work work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code task} for 0..count-1 on {@value #UPLOAD_THREADS} threads; the first failure is thrown. */
    private static void parallel(int count, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Upload failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
