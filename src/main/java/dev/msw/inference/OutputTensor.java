package dev.msw.inference;

/** One output of a prediction, copied out of native memory: exactly one of the arrays is set. */
public record OutputTensor(String name, long[] shape, float[] floats, long[] longs, String[] strings) {
    /** Width of one row (1 for a vector output). */
    public int rowWidth() {
        return shape.length < 2 ? 1 : (int) shape[1];
    }
}
