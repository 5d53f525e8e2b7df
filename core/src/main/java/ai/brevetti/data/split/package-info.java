/**
 * Splitting samples into train and devel (core): stratified, duplicates kept together, reproducible from
 * a seed.
 * <p>
 * Start with {@link ai.brevetti.data.split.SampleSplit} ({@code samples.split(new SampleSplit()...)}).
 */
package ai.brevetti.data.split;
