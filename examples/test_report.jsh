// A test report as a job: the tested model's archive is loaded through DJL on TensorFlow, the report's
// datasets are predicted, and the predictions (predictions.csv: the page's confusion matrix, docs/outputs.md), a pivot
// table (category x prediction), security-level charts and facets land on the report's page. Run it on a test report of a completed model, e.g.
//   bin/brevettiai report create --model MODEL_ID        (prints the report id)
//   bin/brevettiai run examples/test_report.jsh --test_id REPORT_ID --host http://127.0.0.1:8800
// On SageMaker with several instances each predicts its share and the first merges them (docs/deployment.md).

var job = Job.init();
var modelPath = job.info().parentModelPath().orElseThrow(() -> new IllegalStateException(
        "This job is not a test report of a completed model: its info.json names no parent model_path"));
System.out.println("Testing " + modelPath);

// ---- The model: the archive, unpacked
var archive = job.tempPath("model", modelPath.substring(modelPath.lastIndexOf('/') + 1));
job.io().copy(modelPath, archive.toString());
if (!ModelArchive.checkModelVersion(archive)) {
    System.out.println("Warning: " + archive.getFileName() + " does not match its version number");
}
var savedModel = ModelArchive.extract(archive, job.tempDir("model", "unpacked"));
var samples = job.datasets().samples();

// ---- Report outputs, from the predictions of every sample: the test set, pivot, security levels, facets
void report(Predictions predictions) {
    var classes = predictions.classes();
    predictions.writeCsv(job.tempPath("predictions.csv"));
    job.io().copy(job.tempPath("predictions.csv").toString(), job.artifactPath("predictions.csv"));
    predictions.accuracy().ifPresent(a -> job.addOutputMetric("accuracy", a));
    job.addOutputMetric("samples", predictions.size());

    var predicted = new Samples(predictions.table(), samples.io());
    job.uploadChart("Test set", VegaLiteCharts.datasetSummary(samples));
    PivotTables.exportPivotTable(job.artifactDir("pivot"), predicted, job.datasets(), null, job.getRootTags(),
            List.of("category", "dataset"), List.of("prediction"), Map.of("url", "first"));
    for (var chart : VegaLiteCharts.securityLevels(predictions.table(), classes)) {
        job.uploadChart(chart.label(), chart);
    }
    Facets.buildFacets(new DataGenerator(predicted).shard(0, 1).seed(1).outputStructure("img", "category")
            .map(new ImagePipeline().targetSize(64, 64).antialias(true)), job.artifactDir("facets"), 64);

    job.uploadJobOutput();
    job.completeJob();
    System.out.printf("test accuracy %.3f on %d samples; results: %s%n",
            predictions.accuracy().orElse(Double.NaN), predictions.size(), job.resultsLocation());
}

// ---- Predictions: of every sample, or on several instances (a SageMaker job, docs/deployment.md) of this
// instance's shard (a DataGenerator's default there), handed to the leader, which merges them in the samples' order
Predictions predictions;
try (var predictor = Predictor.load(savedModel)) {
    int size = (int) predictor.inputShape()[1];
    predictions = predictor.predict(samples, imagePipeline(size, size));
}
var instances = job.instances();
var parts = instances.gather("predictions.json", predictions.toJson(), java.time.Duration.ofMinutes(30));
if (parts.isEmpty()) {
    System.out.printf("Instance %s (%d of %d) predicted %d samples; the leader %s writes the report%n",
            instances.host(), instances.index() + 1, instances.count(), predictions.size(), instances.leader());
} else {
    if (instances.count() > 1) {
        predictions = Predictions.merge(samples, parts.get().stream().map(Predictions::fromJson).toList());
    }
    report(predictions);
}
