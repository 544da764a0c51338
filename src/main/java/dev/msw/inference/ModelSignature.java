package dev.msw.inference;

import java.util.List;
import java.util.Optional;

/** The inputs and outputs an ONNX model declares, read from its graph when it is loaded. */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
