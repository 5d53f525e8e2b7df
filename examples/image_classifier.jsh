// An image classifier trained as a job: samples -> a duplicate-safe, stratified split -> augmented batches
// -> a small CNN trained on TensorFlow -> metrics, charts, a pivot table and facets -> a model archive the job
// completes with. Run it on a model whose dataset holds class folders, e.g. against the local platform:
//   bin/brevettiai run examples/image_classifier.jsh --job_id MODEL_ID --host http://127.0.0.1:8800
// (`bin/brevettiai demo` makes the platform, the dataset and the model, and runs it.)

public record ClassifierSettings(int epochs,
                                 @Setting(key = "batch_size") int batchSize,
                                 @Setting(key = "learning_rate") double learningRate,
                                 @Setting(key = "image_size") int imageSize,
                                 long seed,
                                 @Setting(help = "regex on the path whose first group names the physical item") String uniqueness)
        implements Settings {
    public ClassifierSettings() { this(20, 16, 1e-3, 64, 1, "/(\\d*)_\\d*.bmp"); }
}

var job = Job.init(ClassifierSettings.class);
var s = job.settings();
System.out.println("Training " + job.name() + " with " + s.toJson());

// ---- Samples and the split: views of one vial stay together, every class split 80/20
var samples = job.datasets().samples();
samples = new SampleSplit().stratification(List.of("folder")).uniqueness(s.uniqueness()).seed(s.seed())
        .updateUnassigned(samples, job.artifactPath("sample_identification.csv"));
var classes = samples.classes();
System.out.println("Classes " + classes);
System.out.println(samples.counts("purpose"));   // a table: purpose, count
job.uploadChart("Dataset summary", VegaLiteCharts.datasetSummary(samples));

// ---- Batches: resize, light augmentation (left-right flips, small rotations), one-hot
var image = imagePipeline(s.imageSize(), s.imageSize());
var light = augmenter().randomTransformer(new RandomTransformer().flipUpDown(false).rotate(10)).imageFilter(null);
var train = buildImageDataGenerator(samples.purpose("train"), classes, image, light, s.seed()).batchSize(s.batchSize()).shuffle(true);
var devel = buildImageDataGenerator(samples.purpose("devel"), classes, image, null, s.seed()).batchSize(32);

// ---- Training on TensorFlow, progress on the model page
var monitor = job.getRemoteMonitor();
var exported = job.tempDir("export");
History history;
try (var trainer = new Trainer(Cnn.small()).optimizer(Optimizer.adam(s.learningRate())).seed(s.seed())
        .listener(monitor::onEpochEnd)) {
    history = trainer.fit(train, devel, s.epochs());
    trainer.export(exported.resolve("saved_model"));
}
var last = history.last().orElseThrow().logs();
job.addOutputMetrics(Map.of("devel_accuracy", last.get("val_accuracy"), "devel_loss", last.get("val_loss"),
        "train_accuracy", last.get("accuracy"), "epochs", s.epochs(), "training_seconds", Math.round(history.seconds() * 10) / 10.0));
job.uploadChart("Training progress", VegaLiteCharts.trainingProgress(monitor));

// ---- The devel predictions: pivot (category x prediction), security levels
Predictions predictions;
try (var predictor = Predictor.load(exported.resolve("saved_model"))) {
    predictions = predictor.predict(samples.purpose("devel"), image);
}
var predicted = new Samples(predictions.table(), samples.io());
PivotTables.exportPivotTable(job.artifactDir("pivot"), predicted, job.datasets(), null, job.getRootTags(),
        List.of("category"), List.of("prediction"), Map.of("url", "first"));
for (var chart : VegaLiteCharts.securityLevels(predictions.table(), classes)) {
    job.uploadChart(chart.label(), chart);
}

// ---- Facets of the samples, 64x64 thumbnails
Facets.buildFacets(new DataGenerator(samples).shuffle(true).seed(s.seed()).outputStructure("img", "category")
        .map(new ImagePipeline().targetSize(64, 64).antialias(true)), job.artifactDir("facets"), 64);

// ---- The model archive, and completion
var archive = ModelArchive.packageSavedModel(exported.resolve("saved_model"), "saved_model", ModelArchive.modelMetadata(job));
job.uploadJobOutput();
job.completeJob(archive);
System.out.printf("devel accuracy %.3f after %d epochs (%.1f s); results: %s%n",
        last.get("val_accuracy"), s.epochs(), history.seconds(), job.resultsLocation());
