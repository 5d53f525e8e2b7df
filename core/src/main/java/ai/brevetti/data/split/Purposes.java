package ai.brevetti.data.split;

/** The purposes a sample can have, and which wins when duplicates disagree: train, then devel, then test. */
final class Purposes {
    private Purposes() {}

    /** Lower wins: train 1, devel/development 2, test 3, anything else 4; unassigned is never chosen. */
    static int priority(String purpose) {
        if (purpose == null || purpose.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        return switch (purpose) {
            case "train" -> 1;
            case "devel", "development" -> 2;
            case "test" -> 3;
            default -> 4;
        };
    }

    /** The purpose that wins between two. */
    static String winner(String a, String b) {
        return priority(b) < priority(a) ? b : a;
    }
}
