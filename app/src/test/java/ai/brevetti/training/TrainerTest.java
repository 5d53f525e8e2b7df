package ai.brevetti.training;

import static ai.brevetti.dsl.Brevetti.buildImageDataGenerator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.generator.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Epochs, metrics, listeners, class names and determinism of the trainer. */
class TrainerTest {

    @Test
    void epochsReportMetricsToTheConsoleTheHistoryAndTheListeners() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> calls = new ArrayList<>();
        try (Trainer trainer = new Trainer(TinyVials.CNN).optimizer(Optimizer.adam(1e-2)).seed(3)
                .console(new PrintStream(out, true, StandardCharsets.UTF_8))
                .listener((epoch, logs) -> calls.add(epoch + " " + logs.keySet()))) {
            History history = trainer.fit(TinyVials.generator(1, true), TinyVials.generator(1, false), 4);
            assertEquals(4, history.size());
            assertEquals(List.of("0 [loss, accuracy, val_loss, val_accuracy]", "1 [loss, accuracy, val_loss, val_accuracy]",
                    "2 [loss, accuracy, val_loss, val_accuracy]", "3 [loss, accuracy, val_loss, val_accuracy]"), calls);
            List<Double> loss = history.values("loss");
            assertTrue(loss.get(3) < loss.get(0), "training loss falls: " + loss);
            history.values("val_accuracy").forEach(a -> assertTrue(a >= 0 && a <= 1, "accuracy " + a));
            assertEquals(List.of("failed_cap", "good", "missing_cap"), trainer.classes(), "the one-hot encoder's classes");

            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(5, lines.length, "a header and one line per epoch:\n" + out);
            assertTrue(lines[0].startsWith("Training GraphModel[Cnn[conv 8@3x3"), lines[0]);
            assertTrue(lines[1].matches("Epoch 1/4  loss \\d+\\.\\d{4}  accuracy \\d\\.\\d{4}  val_loss \\d+\\.\\d{4}  val_accuracy \\d\\.\\d{4}  \\d+\\.\\d s  data wait \\d+\\.\\d %"),
                    lines[1]);

            trainer.fit(TinyVials.generator(1, false), null, 1);
            assertEquals(5, trainer.history().size(), "a second fit continues");
            assertEquals(4, trainer.history().last().orElseThrow().epoch());
            assertEquals(List.of("loss", "accuracy"), List.copyOf(trainer.history().last().orElseThrow().logs().keySet()));
            assertEquals(Map.of("loss", 0.0, "accuracy", 0.0).keySet(), trainer.evaluate(TinyVials.generator(1, false)).keySet());
            assertThrows(IllegalStateException.class, () -> trainer.seed(4), "configuration is fixed once the model is built");
        }
    }

    @Test
    void eachEpochReportsItsBatchesWithTheRunningLoss() throws Exception {
        List<ai.brevetti.internal.Progress.Update> updates = new ArrayList<>();
        DataGenerator train = TinyVials.generator(1, true);
        try (AutoCloseable l = ai.brevetti.internal.Progress.listen(updates::add);
                Trainer trainer = new Trainer(TinyVials.CNN).seed(3).console(null)) {
            trainer.fit(train, null, 2);
            trainer.evaluate(TinyVials.generator(1, false));
        }
        ai.brevetti.internal.Progress.Update evaluated = updates.get(updates.size() - 1);
        assertEquals("Evaluating (batches)", evaluated.task());
        assertTrue(evaluated.finished() && evaluated.done() == evaluated.total() && evaluated.total() > 0, evaluated.toString());
        assertTrue(evaluated.status().startsWith("loss "), evaluated.status());
        int steps = train.length();
        assertTrue(steps > 1, "several batches an epoch: " + steps);
        for (String epoch : List.of("Epoch 1/2", "Epoch 2/2")) {
            List<ai.brevetti.internal.Progress.Update> mine = updates.stream().filter(u -> u.task().equals(epoch)).toList();
            assertEquals(0, mine.get(0).done());
            ai.brevetti.internal.Progress.Update end = mine.get(mine.size() - 1);
            assertTrue(end.finished() && end.done() == steps && end.total() == steps, end.toString());
            assertTrue(end.status().matches("loss \\d+\\.\\d{4} accuracy \\d\\.\\d{4}"), end.status());
            assertEquals(steps, mine.stream().filter(u -> !u.finished()).map(ai.brevetti.internal.Progress.Update::done).distinct().count() - 1,
                    "a step per batch");
        }
    }

    @Test
    void theDataWaitIsTheShareOfStepTimeSpentWaitingForTheGenerator() {
        int steps = 12;
        History slow = fitWithBatchDelay(150, steps);
        History fast = fitWithBatchDelay(0, steps);
        // a generator that takes 150 ms a batch on one worker starves a step of milliseconds: most of the time is waiting
        double slowWait = slow.last().orElseThrow().dataWait();
        assertTrue(slowWait > 0.6, "a slow generator: data wait " + slowWait + " in " + slow.epochs());
        double slowSeconds = slow.last().orElseThrow().seconds();
        assertTrue(slowWait * slowSeconds > 0.8 * (steps - 4) * 0.150,
                "at least the batches not prefetched were waited for: " + slowWait + " of " + slowSeconds + " s");
        // the same generator without the delay: by the last epoch its workers are ahead of the steps
        double fastWait = fast.last().orElseThrow().dataWait();
        assertTrue(fastWait < 0.3 && fastWait < slowWait / 2, "a fast generator: data wait " + fastWait + " (slow: " + slowWait + ")");
        assertEquals(3, fast.dataWaits().size());
        fast.dataWaits().forEach(w -> assertTrue(w >= 0 && w <= 1, "a share: " + w));
    }

    /** Three epochs of 12 batches of 2 tiny vials, each batch delayed by {@code millis} on a single generator worker. */
    private static History fitWithBatchDelay(long millis, int steps) {
        DataGenerator generator = buildImageDataGenerator(TinyVials.samples(), null, TinyVials.pipeline(), null, 1).batchSize(2).workers(1)
                .map(batch -> {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return batch;
                });
        assertEquals(steps, generator.length());
        try (Trainer trainer = new Trainer(TinyVials.CNN).seed(1).console(null)) {
            return trainer.fit(generator, null, 3);
        }
    }

    @Test
    void theSameSeedsTrainTheSameModel() {
        Tensor probe = TinyVials.generator(9, false).first().tensor("img");
        Tensor first = train(5, probe);
        assertEquals(first, train(5, probe), "bit for bit on CPU");
        assertNotEquals(first, train(6, probe));
    }

    private static Tensor train(long seed, Tensor probe) {
        try (Trainer trainer = new Trainer(TinyVials.CNN).seed(seed).console(null)) {
            trainer.fit(TinyVials.generator(2, true), null, 3);
            return trainer.model().predict(probe);
        }
    }

    @Test
    void classNamesComeFromTheOneHotEncoderInItsOrder() {
        List<String> order = List.of("missing_cap", "good", "failed_cap");
        DataGenerator custom = buildImageDataGenerator(TinyVials.samples(), order, TinyVials.pipeline(), null, 1).batchSize(8);
        try (Trainer trainer = new Trainer(TinyVials.CNN).console(null)) {
            trainer.fit(custom, null, 1);
            assertEquals(order, trainer.classes());
        }
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TinyVials.CNN).console(null).fit(custom, TinyVials.generator(1, false), 1));
        assertTrue(mismatch.getMessage().contains("same classes"), mismatch.getMessage());

        DataGenerator hidden = TinyVials.generator(1, false).map(b -> b.with("labels", b.tensor("onehot")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TinyVials.CNN).keys("img", "labels").console(null).fit(hidden, null, 1));
        assertTrue(unknown.getMessage().contains("class names"), unknown.getMessage());
        try (Trainer named = new Trainer(TinyVials.CNN).keys("img", "labels").classes(List.of("a", "b", "c")).console(null)) {
            named.fit(hidden, null, 1);
            assertEquals(List.of("a", "b", "c"), named.classes());
        }
        assertNull(new Trainer(TinyVials.CNN).model());
        assertTrue(new OneHotEncoder(order).outputKey().equals("onehot"));
    }
}
