package ai.brevetti.testing;

import ai.brevetti.io.IoTools;
import ai.brevetti.io.StorageException;

/**
 * A process with nothing but its environment to find S3 credentials by: a plain {@link IoTools} (the AWS
 * default chain for every {@code s3://} path). Each argument is one step, run in order:
 * {@code read:<path>}, {@code write:<path>=<text>}, {@code list:<prefix>}. Prints {@code OK <step> <result>}
 * or {@code ERR <step> <message>} per step, then {@code TIME <step> <milliseconds>}.
 */
public final class S3Probe {
    private S3Probe() {
    }

    public static void main(String[] args) {
        try (IoTools io = new IoTools()) {
            for (String step : args) {
                int colon = step.indexOf(':');
                String verb = step.substring(0, colon);
                String rest = step.substring(colon + 1);
                long start = System.nanoTime();
                try {
                    String result = switch (verb) {
                        case "read" -> io.readText(rest);
                        case "write" -> io.writeFile(rest.substring(0, rest.indexOf('=')), rest.substring(rest.indexOf('=') + 1));
                        case "list" -> String.valueOf(io.list(rest, false).map(o -> o.path()).toList());
                        default -> throw new IllegalArgumentException("unknown step " + step);
                    };
                    System.out.println("OK " + step + " " + result.replace('\n', ' '));
                } catch (StorageException e) {
                    System.out.println("ERR " + step + " " + e.getMessage().replace('\n', ' '));
                }
                System.out.println("TIME " + step + " " + (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
