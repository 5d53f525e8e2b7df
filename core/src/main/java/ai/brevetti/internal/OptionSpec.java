package ai.brevetti.internal;

import java.util.function.Consumer;

/**
 * The options of an immutable fluent class, as one private mutable object with a named field per option
 * (and its default as the field's initial value). A class holds its spec in a final field and never changes
 * it; each option method returns a new instance holding {@code spec.with(o -> o.width = width)}: a copy with
 * that one field set. No option is passed by position, so two options of one type cannot be swapped, and a
 * new option is one field, not one more argument in every copy (docs/decisions.md, decision 44).
 *
 * <p>The copy is shallow: a spec's fields hold immutable values (records, enums, {@code List.copyOf}) or
 * arrays that are never written after they are set. A spec is changed only inside {@link #with}, before
 * the instance holding it is constructed, and is read through that instance's final field, so instances
 * are safe to share between threads (JLS 17.5).
 *
 * @param <S> the spec's own class
 */
public abstract class OptionSpec<S extends OptionSpec<S>> implements Cloneable {
    /** A copy of this spec with {@code change} applied to it; this spec stays as it is. */
    @SuppressWarnings("unchecked")
    public final S with(Consumer<? super S> change) {
        S copy;
        try {
            copy = (S) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e); // Cloneable: cannot happen
        }
        change.accept(copy);
        return copy;
    }
}
