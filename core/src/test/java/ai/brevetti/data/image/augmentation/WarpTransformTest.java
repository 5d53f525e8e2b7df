package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Affine maps and resampling: exact geometry on known images. */
class WarpTransformTest {
    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void horizontalFlipMirrorsColumnsExactly(Interpolation interpolation) {
        FloatImage in = TestImages.ramp(5, 6, 3);
        FloatImage out = Warp.affine(in, Affine.scaling(-1, 1).aboutCentre(5, 6), interpolation, -7f);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(in.get(y, 5 - x, c), out.get(y, x, c), "(" + y + "," + x + "," + c + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void verticalFlipMirrorsRowsExactly(Interpolation interpolation) {
        FloatImage in = TestImages.ramp(7, 4, 1);
        FloatImage out = Warp.affine(in, Affine.scaling(1, -1).aboutCentre(7, 4), interpolation, -7f);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(in.get(6 - y, x, 0), out.get(y, x, 0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void quarterTurnOfASquareMovesCornersExactly(Interpolation interpolation) {
        int n = 6;
        FloatImage in = TestImages.ramp(n, n, 2);
        FloatImage out = Warp.affine(in, Affine.rotation(90).aboutCentre(n, n), interpolation, -7f);
        // output→input x' = c − (y − c), y' = x: output (y, x) reads input (x, n−1−y)
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(in.get(x, n - 1 - y, c), out.get(y, x, c));
                }
            }
        }
        assertEquals(in.get(0, n - 1, 0), out.get(0, 0, 0)); // top-left shows the top-right corner
        assertEquals(in.get(n - 1, n - 1, 0), out.get(0, n - 1, 0));
        assertEquals(in.get(n - 1, 0, 0), out.get(n - 1, n - 1, 0));
        assertEquals(in.get(0, 0, 0), out.get(n - 1, 0, 0));
    }

    @Test
    void quarterTurnFromTrigonometryIsWithinBilinearTolerance() {
        int n = 8;
        double t = Math.PI / 2; // cos(t) is 6e-17, not 0
        Affine m = new Affine(Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0).aboutCentre(n, n);
        FloatImage in = TestImages.ramp(n, n, 1);
        FloatImage bilinear = Warp.affine(in, m, Interpolation.BILINEAR, 0f);
        FloatImage nearest = Warp.affine(in, m, Interpolation.NEAREST, 0f);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float expected = in.get(x, n - 1 - y, 0);
                assertEquals(expected, bilinear.get(y, x, 0), 1e-4 * n * n);
                assertEquals(expected, nearest.get(y, x, 0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void wholePixelTranslationShiftsExactlyAndFills(Interpolation interpolation) {
        FloatImage in = TestImages.ramp(4, 5, 1);
        FloatImage out = Warp.affine(in, Affine.translation(2, -1), interpolation, -1f);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                int sy = y - 1;
                int sx = x + 2;
                float expected = sy >= 0 && sx < 5 ? in.get(sy, sx, 0) : -1f;
                assertEquals(expected, out.get(y, x, 0), "(" + y + "," + x + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void scaleTwoAboutTheCentreReadsTwiceAsFar(Interpolation interpolation) {
        int n = 9; // centre 4
        FloatImage in = TestImages.ramp(n, n, 1);
        FloatImage out = Warp.affine(in, Affine.scaling(2, 2).aboutCentre(n, n), interpolation, 0f);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int sy = 4 + 2 * (y - 4);
                int sx = 4 + 2 * (x - 4);
                float expected = sy >= 0 && sy < n && sx >= 0 && sx < n ? in.get(sy, sx, 0) : 0f;
                assertEquals(expected, out.get(y, x, 0));
            }
        }
        assertEquals(in.get(4, 4, 0), out.get(4, 4, 0));
        assertEquals(in.get(0, 0, 0), out.get(2, 2, 0));
    }

    @Test
    void bilinearHalfPixelAveragesNeighbours() {
        FloatImage in = new FloatImage(1, 3, 1, new float[] {0, 10, 30});
        FloatImage out = Warp.affine(in, Affine.translation(0.5, 0), Interpolation.BILINEAR, 0f);
        assertEquals(5f, out.get(0, 0, 0));
        assertEquals(20f, out.get(0, 1, 0));
        assertEquals(15f, out.get(0, 2, 0)); // half of 30, half fill 0
    }

    @Test
    void nearestRoundsHalfUp() {
        FloatImage in = new FloatImage(1, 3, 1, new float[] {1, 2, 3});
        FloatImage out = Warp.affine(in, Affine.translation(0.5, 0), Interpolation.NEAREST, 9f);
        assertEquals(Arrays.toString(new float[] {2, 3, 9}), Arrays.toString(out.data()));
    }

    @Test
    void composeAndInvert() {
        Affine m = Affine.rotation(30).then(Affine.scaling(1.5, 0.5)).then(Affine.shear(0.1, -0.2)).then(Affine.translation(3, -4));
        Affine id = m.times(m.inverse());
        assertEquals(1, id.a(), 1e-12);
        assertEquals(0, id.b(), 1e-12);
        assertEquals(0, id.c(), 1e-12);
        assertEquals(0, id.d(), 1e-12);
        assertEquals(1, id.e(), 1e-12);
        assertEquals(0, id.f(), 1e-12);
        // then = apply first, then the next
        Affine t = Affine.translation(1, 0).then(Affine.scaling(2, 2));
        assertEquals(4, t.mapX(1, 0));
        assertTrue(Affine.rotation(360).isIdentity());
        assertThrows(IllegalStateException.class, () -> Affine.scaling(0, 1).inverse());
        assertTrue(Affine.IDENTITY.toString().startsWith("Affine[[1.0, 0.0, 0.0]"));
    }

    @Test
    void zeroDisplacementIsIdentityAndShiftsClampAtTheEdge() {
        FloatImage in = TestImages.ramp(3, 4, 2);
        float[] zero = new float[12];
        assertEquals(in, Warp.displace(in, zero, zero, Interpolation.BILINEAR));
        float[] one = new float[12];
        Arrays.fill(one, 1f);
        FloatImage shifted = Warp.displace(in, zero, one, Interpolation.NEAREST);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(in.get(y, Math.min(x + 1, 3), 1), shifted.get(y, x, 1));
            }
        }
        assertEquals(in, ImageDeformation.apply(in, null, Interpolation.BILINEAR));
        assertSame(in, new RandomTransformer().transformImage(in, Affine.IDENTITY));
    }
}
