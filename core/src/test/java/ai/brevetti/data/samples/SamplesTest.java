package ai.brevetti.data.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Samples read any column as text, so tables with numeric columns (predictions, scores) work everywhere. */
class SamplesTest {

    private static Samples mixed() {
        return Samples.of(Table.create("predictions",
                StringColumn.create("category", "good", "bad", "good"),
                DoubleColumn.create("prob_good", 0.9, 0.25, 0.5),
                IntColumn.create("fold", 1, 2, 1)));
    }

    @Test
    void numericColumnsReadAsText() {
        Samples s = mixed();
        assertEquals("0.25", s.get(1, "prob_good"));
        assertEquals(List.of("1", "2", "1"), s.column("fold"));
        assertEquals("0.5", s.get(2).get("prob_good"));
    }

    @Test
    void countsUniqueAndWhereOnNumericColumns() {
        Samples s = mixed();
        assertEquals(Map.of("1", 2, "2", 1), s.counts("fold"));
        assertEquals(List.of("1", "2"), s.unique("fold"));
        assertEquals(2, s.where("fold", "1").size());
        assertEquals(Map.of(List.of("good", "1"), 2, List.of("bad", "2"), 1), s.counts("category", "fold"));
        assertEquals(List.of("bad", "good"), s.classes());
    }

    @Test
    void unknownColumnNamesTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mixed().column("score"));
        assertEquals("No column 'score' in the samples; they have [category, prob_good, fold]", e.getMessage());
    }
}
