// The job lifecycle of the Brevetti AI Job API documentation, in Java, on a local job folder.
// Run it with:  bin/brevettiai run examples/job_lifecycle.jsh [--job_dir DIR | --job_id ID --host URL]
// With neither it creates a job folder under the system's temporary folder.

// ---- Settings: serialise and deserialise settings objects (the docs' VueSettingsModule example)
public record MyCustomObject(int customParam) implements Settings {
    public MyCustomObject() { this(0); }
}

public record SerializeableObject(@Setting(key = "param_1") Number param1,
                                  @Setting(key = "param_2") String param2,
                                  @Setting(key = "param_3") Map<String, Object> param3,
                                  MyCustomObject custom) implements Settings {
    public SerializeableObject {
        param2 = param2 != null ? param2 : "Param2 not provided";
        param3 = param3 != null ? param3 : Map.of("nested_param", true);
        custom = custom != null ? custom : new MyCustomObject();
    }
    public SerializeableObject() { this(-1.0, null, null, null); }
}

var myObject = new SerializeableObject(1, "Test", Map.of("test_dict_serialization", "nested"), null);
var config = myObject.getConfig();
System.out.println("Original object config: \n " + myObject.toJson());
var myObjectCopy = Settings.fromConfig(SerializeableObject.class, config);
System.out.println("Deserialized object config: \n " + myObjectCopy.toJson());

// ---- The job: by id + API key against a platform (--job_id ID [--api_key KEY] --host URL),
// or a local job folder (--job_dir DIR); with neither, a local job folder made here as the platform would.
String modelId = "ae03ff72-b7a2-444d-8fe9-623f61dc4c71";
boolean byId = JobArgs.get().contains("--job_id") || System.getenv("job_id") != null;
int dirFlag = JobArgs.get().indexOf("--job_dir");
Path jobDir = dirFlag >= 0 ? Path.of(JobArgs.get().get(dirFlag + 1)) : Files.createTempDirectory("brevettiai-job-");
if (!byId && !Files.exists(jobDir.resolve("info.json"))) {
    Files.createDirectories(jobDir);
    Files.writeString(jobDir.resolve("info.json"), """
        {"id": "%s", "name": "Job lifecycle demo", "api_key": "demo-api-key-0123456789",
         "host_name": "https://platform.brevetti.ai",
         "charts_url": "/api/models/%s/charts?key=demo-api-key-0123456789",
         "complete_url": "/api/models/%s/complete?key=demo-api-key-0123456789&modelPath=",
         "remote_url": "/api/models/%s/remotemonitor?key=demo-api-key-0123456789",
         "settings": {"some_setting_i_need": 42}, "datasets": [], "tags": []}
        """.formatted(modelId, modelId, modelId, modelId));
    if (dirFlag < 0) {
        JobArgs.add("--job_dir", jobDir.toString());
    }
}

// ---- Job lifecycle: start
var job = Job.init();

// ---- Job.Settings: command-line arguments set settings in the typed settings object
JobArgs.add("--param_3", "{\"test_dict_serialization\": \"nested2\"}", "--custom.custom_param", "5");
var typedJob = Job.init(SerializeableObject.class);
System.out.println(typedJob.settings().toJson());
System.out.println(typedJob.settings().custom() + " " + typedJob.settings().custom().toJson());
typedJob.uploadJobOutput();

// ---- Storage: temporary and persisted
var tempPath = typedJob.tempPath("something_i_want_to_save_temporarily.txt");
System.out.println(tempPath);
typedJob.io().writeFile(tempPath, "Valuable information");
System.out.println(typedJob.io().readText(tempPath));

var artifactPath = typedJob.artifactPath("something_i_want_to_save.txt");
System.out.println("Available at on the website: " + typedJob.hostName() + "/models/" + typedJob.id() + "/artifacts");
typedJob.io().writeFile(artifactPath, "Valuable information");
System.out.println(typedJob.io().readText(artifactPath));

// ---- Execute: output metrics
System.out.println("Uploading metrics and outputs to " + typedJob.hostName());
typedJob.addOutputMetric("My custom metric", 277);
typedJob.uploadJobOutput();

// ---- Complete (a model archive would be passed here; this job has none)
typedJob.completeJob();
System.out.println("Job folder: " + typedJob.jobDir());
System.out.println("output.json: " + typedJob.artifactPath("output.json"));
