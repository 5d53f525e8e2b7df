package ai.brevetti.localplatform;

import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Lets a test send an S3 request whose key is spelled in the URL exactly as given (already percent-encoded:
 * {@code %2e%2e}, {@code ..%2f}, …) instead of as the SDK would encode it. The SDK builds the request with
 * {@link #PLACEHOLDER} as the key, this interceptor swaps the raw spelling in for it before the request is
 * signed, so the server sees a correctly signed request for the raw URL. S3Proxy verifies a path with an
 * empty segment ("//") as if it were spelled "/%2F": such a request is signed in that form and sent, through
 * {@link #httpClient}, with the "//" it was given.
 */
final class RawS3Requests implements ExecutionInterceptor {
    /** The key to give the SDK for a request whose key {@link #withKey} spells. */
    static final String PLACEHOLDER = "raw-key-placeholder";

    private final ThreadLocal<String> rawKey = new ThreadLocal<>();
    private final ThreadLocal<String> rawCopySource = new ThreadLocal<>();
    private final ThreadLocal<Boolean> emptySegments = new ThreadLocal<>();

    /** Runs {@code call} with the request's key spelled {@code encodedKey} in the URL (null: as the SDK spells it). */
    <T> T withKey(String encodedKey, Supplier<T> call) {
        rawKey.set(encodedKey);
        try {
            return call.get();
        } finally {
            rawKey.remove();
            emptySegments.remove();
        }
    }

    /** Runs {@code call} with the copy source header set to {@code bucket/encodedKey} as given. */
    <T> T withCopySource(String bucket, String encodedKey, Supplier<T> call) {
        rawCopySource.set(bucket + "/" + encodedKey);
        try {
            return call.get();
        } finally {
            rawCopySource.remove();
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        String key = rawKey.get();
        if (key != null) {
            String path = request.encodedPath();
            if (!path.endsWith("/" + PLACEHOLDER)) {
                throw new IllegalStateException("The request's key is not " + PLACEHOLDER + ": " + path);
            }
            String raw = path.substring(0, path.length() - PLACEHOLDER.length()) + key;
            if (raw.contains("//")) {
                emptySegments.set(true);
                raw = raw.replace("//", "/%2F");
            }
            request = request.toBuilder().encodedPath(raw).build();
        }
        String source = rawCopySource.get();
        if (source != null) {
            request = request.toBuilder().putHeader("x-amz-copy-source", source).build();
        }
        return request;
    }

    /** {@code delegate}, sending a request signed with "/%2F" for "//" with the "//" it was given. */
    SdkHttpClient httpClient(SdkHttpClient delegate) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                if (emptySegments.get() == null) {
                    return delegate.prepareRequest(request);
                }
                String path = request.httpRequest().encodedPath().replace("/%2F", "//");
                return delegate.prepareRequest(HttpExecuteRequest.builder()
                        .request(request.httpRequest().toBuilder().encodedPath(path).build())
                        .contentStreamProvider(request.contentStreamProvider().orElse(null))
                        .metricCollector(request.metricCollector().orElse(null)).build());
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }
}
