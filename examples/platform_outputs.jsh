// "Interfaces / integrations" and "Complete job" of the Brevetti AI Job API documentation, in Java:
// metrics, training progress, a dataset summary chart, a pivot table, facets, and a model archive the
// job completes with. Run it as a job on a model with a dataset, e.g. against the local platform:
//   bin/brevettiai run examples/platform_outputs.jsh --job_id MODEL_ID --host http://127.0.0.1:8800
// or on a local job folder: --job_dir DIR (with neither, it makes a job folder with a small demo dataset
// under the system's temporary folder). Without a platform the outputs land in DIR/artifacts/.

// ---- The job: by id + API key, or a local job folder (made here, with demo images, when it has no info.json)
boolean byId = JobArgs.get().contains("--job_id") || System.getenv("job_id") != null;
int dirFlag = JobArgs.get().indexOf("--job_dir");
if (!byId) {
    Path jobDir = dirFlag >= 0 ? Path.of(JobArgs.get().get(dirFlag + 1)) : Files.createTempDirectory("brevettiai-outputs-");
    if (!Files.exists(jobDir.resolve("info.json"))) {
        Path images = DemoData.builder().items(3).write(jobDir.resolveSibling(jobDir.getFileName() + "-demo-vials"));
        Files.createDirectories(jobDir);
        Files.writeString(jobDir.resolve("info.json"), """
            {"id": "ae03ff72-b7a2-444d-8fe9-623f61dc4c71", "name": "Platform outputs demo",
             "settings": {}, "datasets": [{"id": "6f1d0c7e-demo", "name": "demo vials", "bucket": "%s", "tagIds": ["line-1"]}],
             "tags": [{"id": "factory", "name": "Factory", "children": [{"id": "line-1", "name": "Line 1", "parentId": "factory"}]}]}
            """.formatted(images.toAbsolutePath().toString().replace("\\", "/")));
    }
    if (dirFlag < 0) {
        JobArgs.add("--job_dir", jobDir.toString());
    }
}
var job = Job.init();
var samples = job.datasets().samples();
System.out.println(samples.size() + " samples in " + job.datasets());

// ---- Metrics: compared across models on the platform
job.addOutputMetric("My custom metric", 277);
job.uploadJobOutput();

// ---- Progress monitoring: a few simulated epochs
var monitor = job.getRemoteMonitor();
for (int epoch = 0; epoch < 5; epoch++) {
    var logs = new LinkedHashMap<String, Object>();      // keeps the keys in this order in the point
    logs.put("loss", 1.0 / (epoch + 1));
    logs.put("accuracy", 0.5 + 0.1 * epoch);
    monitor.onEpochEnd(epoch, logs);
}
System.out.println("Training progress visible on " + job.modelPage());

// ---- Vega-Lite charts on the model page
job.uploadChart("Dataset summary", VegaLiteCharts.datasetSummary(samples));
job.uploadChart("Training progress", VegaLiteCharts.trainingProgress(monitor));

// ---- Pivot table of the samples, with the datasets' tags
var pivot = PivotTables.exportPivotTable(job.artifactDir("pivot"), samples, job.datasets(), null, job.getRootTags(),
        List.of("dataset_id"), List.of("category"), Map.of("url", "first"));
System.out.println("Pivot table of " + pivot.records() + " records visible on " + job.modelPage());

// ---- Facets: 64x64 thumbnails and the samples' fields
var fds = new DataGenerator(samples).shuffle(true).seed(1).outputStructure("img", "category")
        .map(new ImagePipeline().targetSize(64, 64).antialias(true));
Facets.buildFacets(fds, job.artifactDir("facets"), 32);
System.out.println("Facets visible on " + job.modelPage());

// ---- Model export: a stand-in SavedModel folder, packaged as saved_model.<version>.tar.gz
Path savedModel = job.tempDir("export", "saved_model");
Files.writeString(savedModel.resolve("saved_model.pb"), "not a real graph: a stand-in for a TensorFlow SavedModel");
Files.createDirectories(savedModel.resolve("variables"));
Files.writeString(savedModel.resolve("variables/variables.index"), "stand-in");
Path archive = ModelArchive.packageSavedModel(savedModel, "saved_model", ModelArchive.modelMetadata(job));
System.out.println(archive.getFileName() + ": version check " + (ModelArchive.checkModelVersion(archive) ? "passed" : "FAILED"));

// ---- Complete: the archive is copied into the artifacts and the platform records it
job.completeJob(archive);
System.out.println("Artifacts: " + job.artifactPath(""));
