package ai.brevetti.platform;

import ai.brevetti.io.S3Access;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * S3 access from the platform's temporary credentials: the first credentials given (if any) are used
 * once, every later call (S3 said they expired) asks the platform again.
 */
final class RefreshingAccess implements Supplier<S3Access> {
    private final AtomicReference<StsCredentials> first;
    private final Supplier<StsCredentials> fetch;

    RefreshingAccess(StsCredentials first, Supplier<StsCredentials> fetch) {
        this.first = new AtomicReference<>(first);
        this.fetch = fetch;
    }

    @Override
    public S3Access get() {
        StsCredentials given = first.getAndSet(null);
        return (given != null ? given : fetch.get()).toS3Access();
    }
}
