package ai.brevetti.localplatform;

import ai.brevetti.platform.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a process in a container needs to get its job's S3 credentials the way the AWS SDKs get a
 * container's role: the endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), the token it sends
 * ({@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), and where S3 is. Pass {@link #environment()} to the process.
 * {@code toString()} hides the token.
 *
 * @param fullUri the job's container-credentials endpoint on this platform (loopback)
 * @param token the authorization token: gives this job's credentials until {@code expires}
 * @param s3Endpoint the local S3 server
 * @param region the S3 region to sign for
 * @param expires when the token stops working
 */
public record ContainerCredentials(URI fullUri, Secret token, URI s3Endpoint, String region, Instant expires) {
    public static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public static final String AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    public static final String ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String REGION = "AWS_REGION";

    /** The four environment variables, in this order: full URI, token, S3 endpoint, region. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(FULL_URI, fullUri.toString());
        env.put(AUTHORIZATION_TOKEN, token.reveal());
        env.put(ENDPOINT_URL_S3, s3Endpoint.toString());
        env.put(REGION, region);
        return env;
    }

    @Override
    public String toString() {
        return "ContainerCredentials[" + fullUri + ", token ****, s3=" + s3Endpoint + ", region=" + region + ", expires " + expires + "]";
    }
}
