package ai.brevetti.kernel;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's own in-process engine, keeping the last value it read as an object (not only its string), so
 * a notebook can render it. Snippets run in this JVM and see the application's classes; a busy snippet
 * can still be stopped.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private final AtomicReference<Object> lastValue = new AtomicReference<>();

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            Class<?> type = findClass(className);
            Field field = type.getDeclaredField(varName);
            field.setAccessible(true);
            lastValue.set(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            lastValue.set(null);
        }
        return super.varValue(className, varName);
    }

    /** The object behind the last {@code varValue} call. */
    Object takeLastValue() {
        return lastValue.getAndSet(null);
    }

    /** Provides one engine and remembers it, so the evaluator can read captured values. */
    static final class Provider implements ExecutionControlProvider {
        private final AtomicReference<CapturingExecutionControl> engine = new AtomicReference<>();

        @Override
        public String name() {
            return "brevettiai-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            CapturingExecutionControl control = new CapturingExecutionControl();
            engine.set(control);
            return control;
        }

        CapturingExecutionControl engine() {
            return engine.get();
        }
    }
}
