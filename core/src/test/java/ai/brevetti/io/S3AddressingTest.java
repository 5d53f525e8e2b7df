package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.StsCredentials;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The URL and signing region the S3 client would use, captured from the client {@link S3Storage} builds
 * just before the request would be sent (no network): AWS virtual-host style, path style for other servers.
 */
class S3AddressingTest {
    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    /** Stops the request where it would be sent. */
    private static final class NotSent extends RuntimeException {
        NotSent() {
            super("not sent: the test only captures the request");
        }
    }

    /** The signed request a GET of {@code bucket/key} would send with {@code access}. */
    static SdkHttpRequest request(S3Access access, String bucket, String key) {
        AtomicReference<SdkHttpRequest> seen = new AtomicReference<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                seen.compareAndSet(null, context.httpRequest());
                throw new NotSent();
            }
        };
        try (S3Client client = S3Storage.clientBuilder(access, capture).build()) {
            assertThrows(RuntimeException.class, () -> client.getObject(b -> b.bucket(bucket).key(key)));
        }
        return seen.get();
    }

    static String url(S3Access access, String bucket, String key) {
        return request(access, bucket, key).getUri().toString();
    }

    static String signingRegion(SdkHttpRequest request) {
        String auth = request.firstMatchingHeader("Authorization").orElseThrow();
        String scope = auth.substring(auth.indexOf("Credential=") + "Credential=".length(), auth.indexOf(','));
        return scope.split("/")[2];
    }

    @Test
    void awsBucketsAreAddressedVirtualHostStyleInTheirRegion() {
        S3Access access = S3Access.aws(KEYS, "eu-west-1");
        assertEquals("https://my-bucket.s3.eu-west-1.amazonaws.com/a/b.txt", url(access, "my-bucket", "a/b.txt"));
        assertEquals("eu-west-1", signingRegion(request(access, "my-bucket", "a/b.txt")));
        assertEquals("https://my-bucket.s3.us-east-2.amazonaws.com/k", url(S3Access.aws(KEYS, "us-east-2"), "my-bucket", "k"));
    }

    @Test
    void aBucketNameWithDotsIsAddressedPathStyleOverHttpsAsTheSdkDoes() {
        // data.criterion.ai cannot be a host name under *.s3.amazonaws.com's certificate
        assertEquals("https://s3.eu-west-1.amazonaws.com/data.criterion.ai/job/info.json",
                url(S3Access.aws(KEYS, "eu-west-1"), "data.criterion.ai", "job/info.json"));
    }

    @Test
    void platformCredentialsUseTheRegionOfTheAnswerElseEuWest1AndAwsAddressing() {
        StsCredentials plain = StsCredentials.parse(sts(""), "the test");
        assertEquals("https://my-bucket.s3.eu-west-1.amazonaws.com/k", url(plain.toS3Access(), "my-bucket", "k"));
        StsCredentials inRegion = StsCredentials.parse(sts("<Region>us-east-2</Region>"), "the test");
        SdkHttpRequest r = request(inRegion.toS3Access(), "my-bucket", "k");
        assertEquals("https://my-bucket.s3.us-east-2.amazonaws.com/k", r.getUri().toString());
        assertEquals("us-east-2", signingRegion(r));
        assertTrue(r.firstMatchingHeader("x-amz-security-token").isPresent(), "the session token is sent");
    }

    @Test
    void anAwsEndpointInTheAnswerKeepsVirtualHostAddressingAndABareHostIsHttps() {
        StsCredentials named = StsCredentials.parse(sts("<Endpoint>s3.eu-central-1.amazonaws.com</Endpoint><Region>eu-central-1</Region>"), "the test");
        S3Access access = named.toS3Access();
        assertEquals(URI.create("https://s3.eu-central-1.amazonaws.com"), access.endpoint().orElseThrow());
        assertEquals("https://my-bucket.s3.eu-central-1.amazonaws.com/a/b", url(access, "my-bucket", "a/b"));
        assertEquals("https://my-bucket.s3.eu-west-1.amazonaws.com/k",
                url(S3Access.of(URI.create("https://s3.eu-west-1.amazonaws.com"), KEYS, "eu-west-1"), "my-bucket", "k"));
    }

    @Test
    void otherServersAreAddressedPathStyle() {
        assertEquals("http://127.0.0.1:9000/bkt/a/b.txt", url(S3Access.of(URI.create("http://127.0.0.1:9000"), KEYS, "us-east-1"), "bkt", "a/b.txt"));
        assertEquals("http://minio.local:9000/my-bucket/k", url(S3Access.of(URI.create("http://minio.local:9000"), KEYS, "us-east-1"), "my-bucket", "k"));
        StsCredentials local = StsCredentials.parse(sts("<Endpoint>http://127.0.0.1:8801</Endpoint><Region>us-east-1</Region>"), "the test");
        assertEquals("http://127.0.0.1:8801/data.criterion.ai/job/info.json", url(local.toS3Access(), "data.criterion.ai", "job/info.json"));
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Access.endpoint("ftp://host"));
        assertTrue(e.getMessage().contains("'ftp://host'"), e.getMessage());
    }

    static String sts(String extra) {
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
                      <SecretAccessKey>secret-of-the-test</SecretAccessKey>
                      <SessionToken>token-of-the-test</SessionToken>
                      <Expiration>2030-01-01T00:00:00Z</Expiration>
                    </Credentials>
                    %s
                  </AssumeRoleResult>
                </AssumeRoleResponse>
                """.formatted(extra);
    }
}
