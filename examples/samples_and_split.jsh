// "Accessing datasets and downloading samples" of the Brevetti AI Job API documentation, in Java.
// Run it as a job on a model with a dataset, e.g. against the local platform:
//   bin/brevettiai run examples/samples_and_split.jsh --job_id MODEL_ID --host http://127.0.0.1:8800
// A second run reuses the split saved in the job's artifacts (sample_identification.csv).

var job = Job.init();

// List the first dataset's images into a sample table
var samples = job.datasets().get(0).getImageSamples();

// Split into train / devel, keeping duplicates together; reuse the saved split when there is one
samples = new SampleSplit().updateUnassigned(samples, job.artifactPath("sample_identification.csv"));

System.out.println(samples.head(5));
System.out.println(samples.counts("purpose"));   // a table: purpose, count

// Read a sample's bytes through the job's storage (cached locally after the first read)
var ioTools = job.io();
ioTools.setCacheRoot(job.tempPath("cache", true));
byte[] buf = ioTools.readFile(samples.get(0).path());
System.out.println("First bytes of " + samples.get(0).path() + ": " + Arrays.toString(Arrays.copyOf(buf, Math.min(10, buf.length))));
