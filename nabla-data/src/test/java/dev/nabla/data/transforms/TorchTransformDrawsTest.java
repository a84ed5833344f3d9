package dev.nabla.data.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.data.TorchReference;
import dev.nabla.tensor.Generator;
import org.junit.jupiter.api.Test;

/**
 * Random transforms draw their parameters with torchvision's calls: from the same generator state they get
 * torch's values (reference: tools/torch_rng_reference.py data, torchvision 0.14's get_params calls run with torch).
 */
class TorchTransformDrawsTest {
    @Test
    void rotationAnglesAreTorchsFloatUniforms() {
        Generator g = new Generator(11);
        float[] expected = TorchReference.floats("transforms.seed11.rotation.m30.45");
        for (float e : expected) {
            assertEquals((double) e, Randomness.uniform(g, -30.0, 45.0)); // exactly torch's float32 .item()
        }
    }

    @Test
    void flipAndRandintDrawAsTorch() {
        RandomHorizontalFlip flip = new RandomHorizontalFlip(0.3, new Generator(12));
        long[] flips = new long[20];
        for (int i = 0; i < 20; i++) {
            float[] out = flip.apply(dev.nabla.tensor.Tensor.of(new float[] {0, 1}, 1, 1, 2)).toFloatArray();
            flips[i] = out[0] == 1f ? 1 : 0;
        }
        assertArrayEquals(TorchReference.longs("transforms.seed12.flip.p0.3"), flips);
        Generator h = new Generator(13);
        long[] ints = new long[20];
        for (int i = 0; i < 20; i++) {
            ints[i] = Randomness.randint(h, 0, 17);
        }
        assertArrayEquals(TorchReference.longs("transforms.seed13.randint.0.17"), ints);
    }

    @Test
    void randomResizedCropWindowsAreTorchvisions() {
        Generator g = new Generator(14);
        long[] got = new long[32];
        for (int k = 0; k < 8; k++) {
            int[] p = RandomResizedCrop.params(g, 32, 48, new double[] {0.08, 1.0}, new double[] {3.0 / 4, 4.0 / 3});
            for (int i = 0; i < 4; i++) {
                got[4 * k + i] = p[i];
            }
        }
        assertArrayEquals(TorchReference.longs("transforms.seed14.rrc.32x48"), got);
    }
}
