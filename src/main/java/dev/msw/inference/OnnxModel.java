package dev.msw.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ONNX model loaded from bytes through DJL's ONNX Runtime engine: the bytes never touch the disk, so a
 * decrypted model stays in memory. Predictions run on worker threads (one DJL predictor each) and are
 * abandoned after a timeout; a timed-out run keeps its worker busy until ONNX Runtime returns, so the pool
 * is sized for that. Thread-safe.
 */
public final class OnnxModel implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private final Model model;
    private final ModelSignature signature;
    private final ExecutorService workers;
    private final ThreadLocal<Predictor<ModelInput, Map<String, OutputTensor>>> predictor = new ThreadLocal<>();
    private final List<Predictor<?, ?>> predictors = Collections.synchronizedList(new ArrayList<>());

    private OnnxModel(String name, Model model, ModelSignature signature, int threads) {
        this.name = name;
        this.model = model;
        this.signature = signature;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "msw-inference-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads a model from memory; {@code name} is used in messages. */
    public static OnnxModel load(byte[] onnxBytes, String name) {
        return load(onnxBytes, name, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public static OnnxModel load(byte[] onnxBytes, String name, int workerThreads) {
        ModelSignature signature = readSignature(onnxBytes, name);
        Model model = Model.newInstance(name, Device.cpu(), "OnnxRuntime");
        try {
            // one thread per call: parallelism comes from our workers, and ONNX Runtime's intra-op pool spin-waits,
            // which on a small model only burns the cores the other rows need
            model.load(new ByteArrayInputStream(onnxBytes), Map.of("intraOpNumThreads", "1", "interOpNumThreads", "1"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InferenceException("Cannot load the model " + name,
                    "ONNX Runtime rejected it (" + e.getMessage() + ")",
                    "check that the file is an ONNX model (opset 21 or older) and not damaged", e);
        }
        return new OnnxModel(name, model, signature, workerThreads);
    }

    /** Reads input and output metadata with the ONNX Runtime API that DJL's engine wraps. */
    private static ModelSignature readSignature(byte[] bytes, String name) {
        // DJL's engine creates the process-wide ONNX Runtime environment (with its thread pool) and refuses to
        // start once another one exists, so it must come first.
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(bytes, options)) {
            return new ModelSignature(specs(session.getInputInfo()), specs(session.getOutputInfo()));
        } catch (OrtException | RuntimeException e) {
            throw new InferenceException("Cannot load the model " + name,
                    "ONNX Runtime could not read it (" + e.getMessage() + ")",
                    "check that the file is an ONNX model (opset 21 or older) and not damaged", e);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (NodeInfo n : infos.values()) {
            if (n.getInfo() instanceof TensorInfo t) {
                out.add(new TensorSpec(n.getName(), elementType(t), t.getShape()));
            } else {
                out.add(new TensorSpec(n.getName(), n.getInfo().getClass().getSimpleName()
                        .replace("Info", "").toLowerCase(Locale.ROOT), new long[0]));
            }
        }
        return List.copyOf(out);
    }

    private static String elementType(TensorInfo t) {
        return switch (t.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> "double";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> "string";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> "int64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> "int32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> "bool";
            default -> t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
        };
    }

    public String name() {
        return name;
    }

    public ModelSignature signature() {
        return signature;
    }

    /**
     * Runs the model on {@code input}, waiting at most {@code timeout}. Outputs are keyed by name.
     *
     * @throws InferenceException when the model fails or the timeout passes
     */
    public Map<String, OutputTensor> predict(ModelInput input, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            // a zero budget can never be met; deciding here keeps the outcome independent of thread timing
            throw new InferenceException("The model " + name + " did not answer in time",
                    "the inference timeout is " + timeout.toMillis() + " ms", "raise the inference timeout", null);
        }
        Future<Map<String, OutputTensor>> f = workers.submit(() -> predictor().predict(input));
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new InferenceException("The model " + name + " did not answer in time",
                    "inference took longer than " + timeout.toMillis() + " ms",
                    "try a smaller input or raise the inference timeout", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof TranslateException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw new InferenceException("The model " + name + " failed on this input",
                    String.valueOf(c.getMessage()), "check the input against the model's contract", c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new InferenceException("Prediction with " + name + " was interrupted", "the run was cancelled",
                    "run it again", e);
        }
    }

    private Predictor<ModelInput, Map<String, OutputTensor>> predictor() {
        Predictor<ModelInput, Map<String, OutputTensor>> p = predictor.get();
        if (p == null) {
            p = model.newPredictor(new RawTranslator(signature));
            predictor.set(p);
            predictors.add(p);
        }
        return p;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        synchronized (predictors) {
            predictors.forEach(Predictor::close);
            predictors.clear();
        }
        model.close();
    }

    /** Copies plain Java arrays in and out of tensors; no batchifier, as ONNX Runtime's NDArray cannot stack. */
    private static final class RawTranslator implements Translator<ModelInput, Map<String, OutputTensor>> {
        private final ModelSignature signature;

        RawTranslator(ModelSignature signature) {
            this.signature = signature;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, ModelInput input) {
            NDManager m = ctx.getNDManager();
            NDArray array;
            if (input.rows() != null) {
                int rows = input.rows().length;
                int width = rows == 0 ? 0 : input.rows()[0].length;
                FloatBuffer buf = FloatBuffer.allocate(rows * width);
                for (float[] r : input.rows()) {
                    buf.put(r);
                }
                buf.flip();
                array = m.create(buf, new Shape(rows, width), DataType.FLOAT32);
            } else {
                array = m.create(input.texts(), StandardCharsets.UTF_8, new Shape(input.texts().length, 1));
            }
            array.setName(input.name());
            return new NDList(array);
        }

        @Override
        public Map<String, OutputTensor> processOutput(TranslatorContext ctx, NDList list) {
            Map<String, OutputTensor> out = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                NDArray a = list.get(i);
                String n = a.getName() != null && !a.getName().isEmpty() ? a.getName()
                        : i < signature.outputs().size() ? signature.outputs().get(i).name() : "output" + i;
                long[] shape = a.getShape().getShape();
                OutputTensor t = switch (a.getDataType()) {
                    case STRING -> new OutputTensor(n, shape, null, null, a.toStringArray(StandardCharsets.UTF_8));
                    case INT64, INT32, INT8, UINT8 -> new OutputTensor(n, shape, null,
                            a.toType(DataType.INT64, false).toLongArray(), null);
                    default -> new OutputTensor(n, shape, a.toType(DataType.FLOAT32, false).toFloatArray(), null, null);
                };
                out.put(n, t);
            }
            return out;
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
