package ai.brevetti.localplatform;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A process that uses nothing of the project: the AWS SDK's own {@code DefaultCredentialsProvider} and
 * client, configured by the environment alone (as any AWS SDK in a container is). Arguments: the bucket,
 * then steps {@code get:<key>} and {@code put:<key>=<text>}; prints {@code OK <step> <result>} or
 * {@code ERR <step> <status> <code>}, after {@code PROVIDER} and the first characters of the access key found.
 */
public final class SdkContainerProbe {
    private SdkContainerProbe() {
    }

    public static void main(String[] args) {
        String bucket = args[0];
        try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
             S3Client s3 = S3Client.builder().credentialsProvider(credentials).forcePathStyle(true).build()) {
            System.out.println("PROVIDER " + credentials.resolveCredentials().accessKeyId().substring(0, 4) + "…");
            for (int i = 1; i < args.length; i++) {
                String step = args[i];
                String rest = step.substring(step.indexOf(':') + 1);
                try {
                    if (step.startsWith("get:")) {
                        System.out.println("OK " + step + " " + s3.getObjectAsBytes(b -> b.bucket(bucket).key(rest)).asUtf8String().length());
                    } else {
                        String key = rest.substring(0, rest.indexOf('='));
                        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(rest.substring(rest.indexOf('=') + 1)));
                        System.out.println("OK " + step + " written");
                    }
                } catch (S3Exception e) {
                    System.out.println("ERR " + step + " " + e.statusCode() + " " + e.awsErrorDetails().errorCode());
                }
            }
        }
    }
}
