package ai.brevetti.io;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How to reach an S3 location: credentials, endpoint, region and addressing style. {@code toString()}
 * never shows the secret.
 *
 * <p>AWS itself (no endpoint, or an {@code *.amazonaws.com} one) is addressed virtual-host style
 * ({@code https://bucket.s3.<region>.amazonaws.com/key}; the SDK falls back to path style for bucket names
 * that cannot be host names, such as ones with dots over HTTPS); any other endpoint (an S3-compatible
 * server such as the local platform's) path style ({@code http://host/bucket/key}).
 *
 * @param credentials where the credentials come from
 * @param endpoint a custom endpoint (an S3-compatible server, or a specific AWS one), empty for AWS in {@code region}
 * @param region the signing region
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param expiration when temporary credentials stop working, if they do
 */
public record S3Access(AwsCredentialsProvider credentials, Optional<URI> endpoint, String region, boolean pathStyle,
                       Optional<Instant> expiration) {
    /** The platform's bucket region (the Python SDK's {@code bucket_region}), and the region when nothing names one. */
    public static final String PLATFORM_REGION = "eu-west-1";

    public S3Access {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("S3 access needs a region (e.g. " + PLATFORM_REGION + ")");
        }
    }

    /**
     * The AWS region used when none is given: the system property {@code aws.region}, else {@code AWS_REGION},
     * else {@code eu-west-1} (the platform's).
     */
    public static String defaultRegion() {
        String property = System.getProperty("aws.region");
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String env = System.getenv("AWS_REGION");
        return env == null || env.isBlank() ? PLATFORM_REGION : env.strip();
    }

    /** AWS S3 in {@code region} with {@code credentials} (virtual-host addressing). */
    public static S3Access aws(AwsCredentialsProvider credentials, String region) {
        return new S3Access(credentials, Optional.empty(), region, false, Optional.empty());
    }

    /**
     * {@code credentials} against {@code endpoint} in {@code region}: path-style addressing unless the endpoint
     * is AWS's own ({@code *.amazonaws.com}).
     */
    public static S3Access of(URI endpoint, AwsCredentialsProvider credentials, String region) {
        URI e = endpoint(endpoint.toString());
        return new S3Access(credentials, Optional.of(e), region, !isAws(e), Optional.empty());
    }

    /** Static keys against an S3-compatible server (path-style addressing, region us-east-1). */
    public static S3Access of(URI endpoint, String accessKeyId, String secretAccessKey) {
        return of(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)), "us-east-1");
    }

    /** Temporary keys (an STS session); {@code endpoint} empty for AWS itself. */
    public static S3Access temporary(String accessKeyId, String secretAccessKey, String sessionToken,
                                     Optional<URI> endpoint, String region, Optional<Instant> expiration) {
        AwsCredentialsProvider provider = sessionToken == null || sessionToken.isEmpty()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                : StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
        Optional<URI> e = endpoint.map(u -> endpoint(u.toString()));
        return new S3Access(provider, e, region, e.isPresent() && !isAws(e.get()), expiration);
    }

    /**
     * The AWS default credentials chain ({@link AwsDefaultChain}: system properties, environment, web
     * identity, profile files, container credentials; instance metadata when enabled) in the
     * {@link #defaultRegion() default region}, at the endpoint {@code AWS_ENDPOINT_URL_S3} or
     * {@code AWS_ENDPOINT_URL} names when one does (as the AWS SDKs read them), else AWS.
     */
    public static S3Access defaultChain() {
        AwsDefaultChain chain = AwsDefaultChain.create();
        Optional<URI> endpoint = environmentEndpoint();
        return new S3Access(chain, endpoint, defaultRegion(), endpoint.isPresent() && !isAws(endpoint.get()), Optional.empty());
    }

    /** The S3 endpoint the AWS environment names ({@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL}). */
    static Optional<URI> environmentEndpoint() {
        for (String name : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                try {
                    return Optional.of(endpoint(value.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("The environment variable " + name + " is not an endpoint URL: " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** An endpoint as a URL: {@code https://} added to a bare host ({@code s3.eu-west-1.amazonaws.com}), as the Python SDK writes it. */
    public static URI endpoint(String text) {
        String t = text.strip();
        URI uri = URI.create(t.contains("://") ? t : "https://" + t);
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("'" + text + "' is not an http(s) URL with a host");
        }
        return uri;
    }

    /** True for AWS's own S3 endpoints ({@code *.amazonaws.com}, {@code *.amazonaws.com.cn}). */
    public static boolean isAws(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    @Override
    public String toString() {
        return "S3Access[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region
                + (pathStyle ? ", path-style" : "") + expiration.map(e -> ", expires " + e).orElse("") + "]";
    }
}
