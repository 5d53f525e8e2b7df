package ai.brevetti.io;

import ai.brevetti.internal.Progress;

/**
 * Where the progress of long tasks shows (listing, MD5s, uploads, facets, archives, prediction, training):
 * {@code ProgressMode.set(ProgressMode.ALWAYS)}. Without a call, the system property
 * {@code brevettiai.progress} or else the environment variable {@code BREVETTIAI_PROGRESS} decides
 * ({@code auto}, {@code always}, {@code never}), else {@link #AUTO}.
 */
public enum ProgressMode {
    /** An updating line in a notebook cell, a bar on a terminal's standard error; nothing when the output is not a terminal. */
    AUTO,
    /** As {@link #AUTO}, and a bar on standard error also when it is not a terminal (a job's log). */
    ALWAYS,
    /** No progress at all. */
    NEVER;

    /** Chooses where progress shows from now on, for the whole process. */
    public static void set(ProgressMode mode) {
        Progress.setMode(Progress.Mode.valueOf(mode.name()));
    }

    /** Forgets {@link #set}: the system property, the environment variable or {@link #AUTO} decide again. */
    public static void reset() {
        Progress.setMode(null);
    }

    /** The mode in effect now. */
    public static ProgressMode current() {
        return valueOf(Progress.mode().name());
    }
}
