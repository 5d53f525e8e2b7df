package ai.brevetti.localplatform;

import java.time.Instant;
import java.util.List;

/**
 * Temporary S3 credentials handed out by the local platform, and what they may touch: keys under
 * {@code readPrefixes} can be read, keys under {@code writePrefixes} read and written (prefixes within the
 * data bucket, ending in '/').
 *
 * @param accessKeyId the access key id
 * @param secret the secret access key
 * @param sessionToken the session token (the local S3 server does not check it)
 * @param owner the job or dataset id the grant was made for
 * @param readPrefixes readable key prefixes
 * @param writePrefixes writable key prefixes
 * @param expires when the grant stops working
 */
record S3Grant(String accessKeyId, String secret, String sessionToken, String owner, List<String> readPrefixes,
               List<String> writePrefixes, Instant expires) {

    S3Grant {
        readPrefixes = List.copyOf(readPrefixes);
        writePrefixes = List.copyOf(writePrefixes);
    }

    /** Keys are compared as sent, so only keys that name their own file ({@link ObjectKey}) are ever allowed. */
    boolean canRead(String key) {
        return canWrite(key) || ObjectKey.problem(key).isEmpty() && readPrefixes.stream().anyMatch(key::startsWith);
    }

    boolean canWrite(String key) {
        return ObjectKey.problem(key).isEmpty() && writePrefixes.stream().anyMatch(key::startsWith);
    }

    /** A listing prefix is allowed when it lies inside a readable prefix (or is that prefix without its '/'). */
    boolean canList(String prefix) {
        String p = prefix == null ? "" : prefix;
        return ObjectKey.prefixProblem(p).isEmpty() && (canRead(p) || readPrefixes.stream().anyMatch(r -> r.equals(p + "/"))
                || writePrefixes.stream().anyMatch(w -> w.equals(p + "/")));
    }

    boolean expired(Instant now) {
        return now.isAfter(expires);
    }

    /** The same grant ending at {@code instant}. */
    S3Grant expiringAt(Instant instant) {
        return new S3Grant(accessKeyId, secret, sessionToken, owner, readPrefixes, writePrefixes, instant);
    }

    /** The same grant without write access (a completed job). */
    S3Grant readOnly() {
        return new S3Grant(accessKeyId, secret, sessionToken, owner, writePrefixes, List.of(), expires);
    }

    @Override
    public String toString() {
        return "S3Grant[" + accessKeyId + " for " + owner + ", read " + readPrefixes + ", write " + writePrefixes + "]";
    }
}
