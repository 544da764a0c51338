package dev.msw.inference;

import java.util.Arrays;

/** Name, element type ("float", "string", "int64"…) and shape (-1 for a free dimension) of a model tensor. */
public record TensorSpec(String name, String elementType, long[] shape) {
    public boolean isNumeric() {
        return switch (elementType) {
            case "float", "double", "float16", "bfloat16", "int8", "int16", "int32", "int64", "uint8" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return name + ": " + elementType + Arrays.toString(shape);
    }
}
