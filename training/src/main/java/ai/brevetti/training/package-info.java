/**
 * Training, export and inference on TensorFlow (the training module): a small CNN trained in TF-Java graph
 * mode, exported as a SavedModel and loaded for prediction through DJL.
 * <p>
 * Start with {@link ai.brevetti.training.Trainer} ({@code new Trainer(Cnn.small()).fit(train, devel, epochs)}),
 * {@link ai.brevetti.training.Cnn} and {@link ai.brevetti.training.Predictor}; batches as DJL arrays:
 * {@link ai.brevetti.training.NDBatches}.
 */
package ai.brevetti.training;
