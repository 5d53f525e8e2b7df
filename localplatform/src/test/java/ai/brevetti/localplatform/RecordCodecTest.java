package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binary form of the runs index's records: every component of the platform's records, and every metric type, come back equal. */
class RecordCodecTest {
    interface Writer {
        void write(DataOutputStream out) throws Exception;
    }

    static DataInputStream roundTrip(Writer writer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void everyComponentOfTheRecordsComesBack() throws Exception {
        String settings = "{\"text\": \"" + "ü€".repeat(40_000) + "\"}"; // longer than DataOutputStream.writeUTF takes
        ModelRecord model = new ModelRecord("id-1", "name ✓", "2026-01-01T00:00:00Z", "s", "c", "key", settings, List.of("d1", "d2"),
                List.of("t"), "type", "artifacts/model.tar.gz", "parent", "f", "failure\nsecond line", "app");
        RecordCodec<ModelRecord> models = new RecordCodec<>(ModelRecord.class);
        assertEquals(model, models.read(roundTrip(out -> models.write(out, model))));
        ModelRecord sparse = new ModelRecord("id-2", null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(sparse, models.read(roundTrip(out -> models.write(out, sparse))));
        DatasetRecord dataset = new DatasetRecord("ds", "images", "2026", "folder", "ref", "notes", List.of("t1"), true);
        RecordCodec<DatasetRecord> datasets = new RecordCodec<>(DatasetRecord.class);
        assertEquals(dataset, datasets.read(roundTrip(out -> datasets.write(out, dataset))));
        assertTrue(models.schema().startsWith("ModelRecord(id:String,name:String,"), models.schema());
    }

    @Test
    void metricsKeepTheirTypes() throws Exception {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("int", 3);
        metrics.put("long", 1L << 40);
        metrics.put("double", 0.125);
        metrics.put("nan", Double.NaN);
        metrics.put("big", new BigInteger("123456789012345678901234567890"));
        metrics.put("decimal", new BigDecimal("0.1000000000000000000001"));
        metrics.put("flag", true);
        metrics.put("text", "good");
        Map<String, Object> back = RecordCodec.readScalars(roundTrip(out -> RecordCodec.writeScalars(out, metrics)));
        assertEquals(metrics, back);
        assertEquals(List.copyOf(metrics.keySet()), List.copyOf(back.keySet()), "in the same order");
        assertEquals(Long.class, back.get("long").getClass());
    }

    @Test
    void aRecordWithAComponentItCannotWriteIsRefusedByName() {
        record Odd(String id, int count) {}
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordCodec<>(Odd.class));
        assertTrue(e.getMessage().contains("Odd.count is a int"), e.getMessage());
    }
}
