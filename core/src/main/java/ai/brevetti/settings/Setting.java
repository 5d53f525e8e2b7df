package ai.brevetti.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optional details of one setting (a record component or a field of a {@link Settings} type):
 * its JSON key and how the platform's settings form shows it.
 *
 * <pre>{@code
 * record Training(@Setting(key = "param_1", min = 0, max = 10) Number param1,
 *                 @Setting(help = "Passes over the data") int epochs) implements Settings {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Setting {
    /** JSON key; by default the Java name in snake_case ({@code customParam} → {@code custom_param}). */
    String key() default "";

    /** Form label; by default the key title-cased ({@code custom_param} → {@code Custom Param}). */
    String label() default "";

    /** Help text shown with the form field. */
    String help() default "";

    /** The platform must be given a value (no default is applied). */
    boolean required() default false;

    /** Hidden among the advanced fields of the platform's form. */
    boolean advanced() default false;

    /** Number fields: lowest value ({@code NaN}: no limit). */
    double min() default Double.NaN;

    /** Number fields: highest value ({@code NaN}: no limit). */
    double max() default Double.NaN;

    /** Number fields: step ({@code NaN}: 1 for integers, 0.1 otherwise). */
    double step() default Double.NaN;

    /** Text fields holding JSON shown as a multi-line text area instead of a one-line input. */
    boolean textArea() default false;
}
