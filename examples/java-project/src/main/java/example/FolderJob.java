package example;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SampleSplit;
import ai.brevetti.platform.Job;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A job on a local job folder, with brevettiai-core alone: settings from info.json and the command line,
 * the dataset's images as samples, a stratified split saved with the job, a generator of resized,
 * one-hot-labelled batches, metrics in {@code artifacts/output.json}, and the completion.
 *
 * <pre>
 * java -cp … example.FolderJob [JOB_FOLDER] [--batch_size 8 …]
 * </pre>
 * Without a job folder (or with an empty one) it makes one: an info.json and a small dataset of generated
 * images in class folders.
 */
public final class FolderJob {
    static final List<String> CLASSES = List.of("round", "square");

    public static void main(String[] args) throws IOException {
        boolean folderGiven = args.length > 0 && !args[0].startsWith("--");
        Path jobDir = folderGiven ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("brevettiai-java-project-");
        String[] jobArgs = Arrays.copyOfRange(args, folderGiven ? 1 : 0, args.length);
        if (!Files.exists(jobDir.resolve("info.json"))) {
            makeJobFolder(jobDir);
            System.out.println("Made a job folder with " + CLASSES.size() + " classes of generated images: " + jobDir);
        }

        String[] all = concat(new String[] {"--job_dir", jobDir.toString()}, jobArgs);
        try (Job<ExampleSettings> job = Job.init(ExampleSettings.class, all)) {
            ExampleSettings s = job.settings();
            System.out.println("Job " + job.name() + " with settings " + s.toJson());

            Samples samples = job.datasets().samples();
            samples = new SampleSplit().stratification(List.of("folder")).split(s.train()).seed(s.seed())
                    .updateUnassigned(samples, job.artifactPath("sample_identification.csv"));
            System.out.println("Samples: " + samples.size() + " images, classes " + samples.classes());
            System.out.println(samples.counts("purpose"));

            DataGenerator train = new DataGenerator(samples.purpose("train")).batchSize(s.batchSize()).shuffle(true).seed(s.seed())
                    .outputStructure("img", "onehot")
                    .map(new ImagePipeline().targetSize(s.imageSize(), s.imageSize()))
                    .map(OneHotEncoder.fromSamples());
            int batches = 0;
            int images = 0;
            double sum = 0;
            for (Batch batch : train) {
                float[] pixels = batch.tensor("img").data();
                for (float v : pixels) {
                    sum += v;
                }
                batches++;
                images += batch.size();
                if (batches == 1) {
                    System.out.println("First batch: img " + Arrays.toString(batch.tensor("img").shape())
                            + ", onehot " + Arrays.toString(batch.tensor("onehot").shape()));
                }
            }
            double meanPixel = sum / ((double) images * s.imageSize() * s.imageSize() * 3);
            System.out.printf("Iterated %d batches, %d training images, mean pixel %.4f%n", batches, images, meanPixel);

            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("samples", samples.size());
            metrics.put("train_images", images);
            metrics.put("batches", batches);
            metrics.put("mean_pixel", Math.round(meanPixel * 10_000) / 10_000.0);
            job.addOutputMetrics(metrics);
            String output = job.uploadJobOutput();
            job.completeJob();
            System.out.println("Wrote " + jobDir.resolve(output) + " and completed the job");
        }
    }

    /** info.json (the dataset is the folder images/ beside it) and 6 generated images of each class. */
    static void makeJobFolder(Path jobDir) throws IOException {
        Path images = jobDir.resolve("images");
        Random random = new Random(7);
        for (String label : CLASSES) {
            Files.createDirectories(images.resolve(label));
            for (int i = 0; i < 6; i++) {
                write(image(label, random), images.resolve(label).resolve(label + "_" + i + ".png"));
            }
        }
        Files.writeString(jobDir.resolve("info.json"), """
                {"id": "java-project-job", "name": "java-project example",
                 "datasets": [{"id": "shapes", "name": "shapes", "bucket": "%s"}],
                 "settings": {"batch_size": 4}}
                """.formatted(images.toString().replace("\\", "\\\\").replace("\"", "\\\"")));
    }

    /** A 40×40 picture: a disc or a square of a random colour at a random place. */
    static BufferedImage image(String label, Random random) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 40, 40);
        g.setColor(new Color(80 + random.nextInt(176), 80 + random.nextInt(176), 80 + random.nextInt(176)));
        int x = 4 + random.nextInt(12);
        int y = 4 + random.nextInt(12);
        if (label.equals("round")) {
            g.fillOval(x, y, 20, 20);
        } else {
            g.fillRect(x, y, 20, 20);
        }
        g.dispose();
        return img;
    }

    static void write(BufferedImage img, Path file) {
        try {
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private FolderJob() {}
}
