package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteValuesTest {
    @Test
    void everyByteReadsAsItsUnsignedValue() {
        for (int v = 0; v < 256; v++) {
            assertEquals(v, ByteValues.of((byte) v));
        }
    }

    @Test
    void bgrPixelsOfEveryStrideComeOutAsRgbFromTheOffsetOn() {
        for (int stride : new int[] {3, 4, 5}) {
            byte[] b = new byte[1 + 3 * stride];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (250 - 7 * i);
            }
            float[] dst = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
            ByteValues.bgrToRgb(b, 1, stride, dst, 1, 3);
            float[] expected = new float[11];
            expected[0] = -1;
            expected[10] = -1;
            for (int x = 0; x < 3; x++) {
                int p = 1 + x * stride;
                expected[1 + 3 * x] = b[p + 2] & 0xff;
                expected[2 + 3 * x] = b[p + 1] & 0xff;
                expected[3 + 3 * x] = b[p] & 0xff;
            }
            assertArrayEquals(expected, dst, "stride " + stride);
        }
    }

    @Test
    void samplesAtAStrideFillConsecutiveFloats() {
        byte[] b = {(byte) 200, 1, 2, (byte) 255, 3, 4, 0};
        float[] dst = new float[4];
        ByteValues.toFloats(b, 0, 3, dst, 1, 3);
        assertArrayEquals(new float[] {0, 200, 255, 0}, dst);
    }

    @Test
    void consecutiveSamplesOfEveryValueComeOutUnsignedBetweenTheOffsets() {
        byte[] b = new byte[258];
        for (int v = 0; v < 256; v++) {
            b[1 + v] = (byte) v;
        }
        float[] dst = new float[259];
        java.util.Arrays.fill(dst, -1);
        ByteValues.toFloats(b, 1, dst, 2, 256);
        assertEquals(-1, dst[0]);
        assertEquals(-1, dst[1]);
        assertEquals(-1, dst[258]);
        for (int v = 0; v < 256; v++) {
            assertEquals(v, dst[2 + v], "byte " + v);
        }
    }
}
