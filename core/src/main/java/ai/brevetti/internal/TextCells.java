package ai.brevetti.internal;

/**
 * Table cells for people to read: a long cell is shortened in the middle, so a path keeps its file name
 * ({@code /data/vials/…/good/1.bmp} rather than pandas' {@code /data/vials/good/...}); and the width of the
 * terminal that text tables are fitted to.
 */
public final class TextCells {
    static final String ELLIPSIS = "...";
    /** Where the shell (or the user) says how wide the terminal is. */
    public static final String COLUMNS_PROPERTY = "brevettiai.terminal.columns";
    static final int DEFAULT_COLUMNS = 120;

    private TextCells() {}

    /**
     * {@code cell} when it has at most {@code max} characters, else its start, "..." and its end, {@code max}
     * characters in all: the end keeps the last path element (the file name) whole when it fits, at least half
     * of the room otherwise.
     */
    public static String shorten(String cell, int max) {
        if (cell == null || cell.length() <= max) {
            return cell;
        }
        if (max <= ELLIPSIS.length() + 1) {
            return cell.substring(cell.length() - Math.max(max, 0));
        }
        int room = max - ELLIPSIS.length();
        int separator = Math.max(cell.lastIndexOf('/'), cell.lastIndexOf('\\'));
        int name = separator >= 0 ? cell.length() - separator : 0;
        int tail = Math.min(Math.max(name, room / 2), room - 1);
        int head = room - tail;
        return cell.substring(0, head) + ELLIPSIS + cell.substring(cell.length() - tail);
    }

    /**
     * The width to fit text tables to: {@value #COLUMNS_PROPERTY} (set by {@code bin/brevettiai shell} from the
     * terminal), else {@code COLUMNS}, else {@value #DEFAULT_COLUMNS}; never below 40.
     */
    public static int terminalColumns() {
        for (String value : new String[] {System.getProperty(COLUMNS_PROPERTY), System.getenv("COLUMNS")}) {
            if (value != null) {
                try {
                    return Math.max(40, Integer.parseInt(value.trim()));
                } catch (NumberFormatException ignored) {
                    // the next source
                }
            }
        }
        return DEFAULT_COLUMNS;
    }
}
