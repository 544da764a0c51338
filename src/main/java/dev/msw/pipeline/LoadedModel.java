package dev.msw.pipeline;

import dev.msw.inference.OnnxModel;
import dev.msw.inference.TensorSpec;

/**
 * A model ready for the pipeline: the ONNX model in memory and its contract, checked against each other when
 * put together (IV2's declared types must match the model's input tensor, the output names must exist).
 */
public final class LoadedModel implements AutoCloseable {
    private final String name;
    private final OnnxModel onnx;
    private final ModelContract contract;
    private final boolean encrypted;

    private LoadedModel(String name, OnnxModel onnx, ModelContract contract, boolean encrypted) {
        this.name = name;
        this.onnx = onnx;
        this.contract = contract;
        this.encrypted = encrypted;
    }

    /**
     * Loads {@code onnxBytes} (never written anywhere) and checks {@code contract} against the model's metadata.
     *
     * @throws ContractException when the contract does not fit the model
     */
    public static LoadedModel of(String name, byte[] onnxBytes, ModelContract contract, boolean encrypted) {
        OnnxModel onnx = OnnxModel.load(onnxBytes, name);
        try {
            crossCheck(name, onnx, contract);
        } catch (RuntimeException e) {
            onnx.close();
            throw e;
        }
        return new LoadedModel(name, onnx, contract, encrypted);
    }

    private static void crossCheck(String name, OnnxModel onnx, ModelContract c) {
        String input = c.features().input();
        TensorSpec spec = onnx.signature().input(input).orElseThrow(() -> new ContractException(c.source(), c.lineOf("/features/input"),
                "features.input names \"" + input + "\" but the model " + name + " has inputs " + onnx.signature().inputs()));
        for (String field : c.features().fields()) {
            String declared = c.types().get(field);
            boolean numeric = "number".equals(declared) || "integer".equals(declared) || "boolean".equals(declared);
            if (numeric != spec.isNumeric()) {
                throw new ContractException(c.source(), c.lineOf("/types/" + field), "types declares \"" + field + "\" as " + declared
                        + " but the model's input \"" + input + "\" is a tensor of " + spec.elementType());
            }
        }
        if (spec.isNumeric() && !"float".equals(spec.elementType())) {
            throw new ContractException(c.source(), c.lineOf("/features/input"), "the model's input \"" + input + "\" is " + spec.elementType()
                    + "; the Console feeds numeric features as float");
        }
        long[] shape = spec.shape();
        long expected = spec.isNumeric() ? c.features().fields().size() : 1;
        if (shape.length == 2 && shape[1] > 0 && shape[1] != expected) {
            throw new ContractException(c.source(), c.lineOf("/features/fields"), "features.fields lists " + c.features().fields().size()
                    + " fields but the model's input \"" + input + "\" takes " + shape[1] + " per row");
        }
        for (String out : new String[] {c.outputs().label(), c.outputs().probabilities(), c.outputs().value()}) {
            if (out != null && onnx.signature().output(out).isEmpty()) {
                throw new ContractException(c.source(), c.lineOf("/outputs"), "outputs names \"" + out + "\" but the model " + name
                        + " has outputs " + onnx.signature().outputs());
            }
        }
    }

    /**
     * The same model under another contract (checked against the model as at load). The two share the ONNX
     * session: close only the one kept.
     */
    public LoadedModel withContract(ModelContract newContract) {
        crossCheck(name, onnx, newContract);
        return new LoadedModel(name, onnx, newContract, encrypted);
    }

    public String name() {
        return name;
    }

    public OnnxModel onnx() {
        return onnx;
    }

    public ModelContract contract() {
        return contract;
    }

    /** True when the model came from an encrypted container (decrypted in memory only). */
    public boolean encrypted() {
        return encrypted;
    }

    @Override
    public void close() {
        onnx.close();
    }
}
