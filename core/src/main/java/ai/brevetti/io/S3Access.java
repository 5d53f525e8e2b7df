package ai.brevetti.io;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How to reach an S3 location: credentials, endpoint, region and addressing style. {@code toString()}
 * never shows the secret.
 *
 * @param credentials where the credentials come from
 * @param endpoint a custom endpoint (an S3-compatible server), empty for AWS
 * @param region the signing region
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param expiration when temporary credentials stop working, if they do
 */
public record S3Access(AwsCredentialsProvider credentials, Optional<URI> endpoint, String region, boolean pathStyle,
                       Optional<Instant> expiration) {

    /** The AWS region used when none is given: {@code AWS_REGION}, else {@code eu-west-1} (the platform's). */
    public static String defaultRegion() {
        String env = System.getenv("AWS_REGION");
        return env == null || env.isBlank() ? "eu-west-1" : env;
    }

    /** Static keys against an S3-compatible server (path-style addressing, region us-east-1 unless given). */
    public static S3Access of(URI endpoint, String accessKeyId, String secretAccessKey) {
        return new S3Access(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)),
                Optional.of(endpoint), "us-east-1", true, Optional.empty());
    }

    /** Temporary keys (an STS session); {@code endpoint} empty for AWS itself. */
    public static S3Access temporary(String accessKeyId, String secretAccessKey, String sessionToken,
                                     Optional<URI> endpoint, String region, Optional<Instant> expiration) {
        AwsCredentialsProvider provider = sessionToken == null || sessionToken.isEmpty()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                : StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
        return new S3Access(provider, endpoint, region, endpoint.isPresent(), expiration);
    }

    /** The AWS default credentials chain (environment, profile files, instance roles). */
    public static S3Access defaultChain() {
        return new S3Access(DefaultCredentialsProvider.builder().build(), Optional.empty(), defaultRegion(), false,
                Optional.empty());
    }

    @Override
    public String toString() {
        return "S3Access[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region
                + (pathStyle ? ", path-style" : "") + expiration.map(e -> ", expires " + e).orElse("") + "]";
    }
}
