package ai.brevetti.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Tells which signal (SIGINT, SIGTERM) ends the JVM, for the message a failed job reports: the handlers
 * record the signal's name, then exit as the JVM would (status 128 + its number, shutdown hooks run).
 * Where a signal cannot be handled (e.g. {@code -Xrs}), it is left alone.
 */
final class Signals {
    private Signals() {}

    /** Handlers installed by {@link #record}; {@link #restore()} puts the previous ones back. */
    static final class Handlers {
        private final List<Signal> signals = new ArrayList<>();
        private final List<SignalHandler> previous = new ArrayList<>();

        void restore() {
            for (int i = 0; i < signals.size(); i++) {
                try {
                    Signal.handle(signals.get(i), previous.get(i));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // left as it is
                }
            }
            signals.clear();
            previous.clear();
        }
    }

    static Handlers record(AtomicReference<String> caught) {
        Handlers handlers = new Handlers();
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            try {
                SignalHandler old = Signal.handle(signal, s -> {
                    caught.compareAndSet(null, "SIG" + s.getName());
                    // as the JVM's own handler: run the shutdown hooks, exit with 128 + the signal's number
                    new Thread(() -> System.exit(128 + s.getNumber()), "brevettiai-signal-exit").start();
                });
                handlers.signals.add(signal);
                handlers.previous.add(old);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // this signal cannot be handled here
            }
        }
        return handlers;
    }
}
