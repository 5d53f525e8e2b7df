package ai.brevetti.io;

import ai.brevetti.testing.S3TestServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The second process of {@link RemoteCacheTest}: another job instance with its own {@link IoTools} and cache
 * root. Reads a key (so its cache holds a copy), writes new text to it, reads it back and prints what it read.
 * Usage: {@code WriteFromAnotherProcess <s3 endpoint> <s3 path> <text> <cache root>}.
 */
public final class WriteFromAnotherProcess {
    private WriteFromAnotherProcess() {
    }

    public static void main(String[] args) {
        S3Access access = S3Access.of(URI.create(args[0]), S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
        try (IoTools io = new IoTools().register(new S3Storage().route("s3://" + S3TestServer.BUCKET, access))
                .setCacheRoot(Path.of(args[3]))) {
            String path = args[1];
            System.out.println("before: " + io.readText(path));
            io.writeFile(path, args[2]);
            System.out.println("after: " + io.readText(path));
        }
    }
}
