package dev.msw.inspect.pickle;

import dev.msw.inspect.Severity;
import java.util.Map;
import java.util.Set;

/**
 * The verdict on one imported callable, by allowlist: reconstruction callables that NumPy, PyTorch and the
 * standard library use to rebuild plain data are safe; callables that run programs, evaluate code, import
 * modules, reach attributes indirectly, touch files or the network, or deserialize again are critical; anything
 * else is unknown (a warning, critical under --strict), because a denylist is always one name short.
 */
public final class CallablePolicy {

    /** SAFE means no finding; otherwise the severity and the reason a reviewer reads. */
    public record Verdict(boolean safe, Severity severity, String category, String why) {
        static Verdict allowed() {
            return new Verdict(true, null, "safe", "known reconstruction callable");
        }
    }

    // Python 2 names that Python 3's unpickler maps (fix_imports) before importing.
    private static final Map<String, String> PY2_MODULES = Map.of(
            "__builtin__", "builtins", "copy_reg", "copyreg", "cPickle", "pickle", "exceptions", "builtins",
            "commands", "subprocess", "UserDict", "collections", "Queue", "queue", "urllib2", "urllib.request",
            "httplib", "http.client", "SocketServer", "socketserver");

    private static final Set<String> SAFE = Set.of(
            "collections.OrderedDict", "collections.defaultdict", "collections.Counter", "collections.deque",
            "builtins.set", "builtins.frozenset", "builtins.list", "builtins.dict", "builtins.tuple",
            "builtins.bytearray", "builtins.bytes", "builtins.complex", "builtins.slice", "builtins.range",
            "builtins.int", "builtins.float", "builtins.str", "builtins.bool", "builtins.object",
            "copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__", "_codecs.encode",
            "codecs.encode", "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta",
            "datetime.timezone", "decimal.Decimal", "fractions.Fraction", "uuid.UUID",
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.ndarray", "numpy.dtype",
            "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer", "numpy.ma.core._mareconstruct",
            "numpy.random._pickle.__randomstate_ctor", "numpy.random._pickle.__bit_generator_ctor",
            "numpy.random._pickle.__generator_ctor", "numpy.matrix",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
            "torch._utils._rebuild_qtensor", "torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_meta_tensor_no_storage",
            "torch._utils._rebuild_wrapper_subclass", "torch._utils._rebuild_nested_tensor",
            "torch._tensor._rebuild_from_type_v2", "torch.serialization._get_layout", "torch.Size",
            "torch.device", "torch.storage.UntypedStorage", "joblib.numpy_pickle.NumpyArrayWrapper", "torch.storage.TypedStorage", "torch.nn.parameter.Parameter");

    private static final Set<String> NUMPY_SCALARS = Set.of("float16", "float32", "float64", "int8", "int16",
            "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool_", "complex64", "complex128", "str_",
            "bytes_", "longlong", "ulonglong", "intc", "uintc", "half", "single", "double");

    private static final Set<String> TORCH_TYPES = Set.of("FloatStorage", "DoubleStorage", "HalfStorage",
            "BFloat16Storage", "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage",
            "BoolStorage", "ComplexFloatStorage", "ComplexDoubleStorage", "QInt8Storage", "QUInt8Storage",
            "QInt32Storage", "float32", "float", "float64", "double", "float16", "half", "bfloat16", "int64", "long",
            "int32", "int", "int16", "short", "int8", "uint8", "bool", "complex64", "complex128", "strided",
            "sparse_coo", "sparse_csr", "contiguous_format", "channels_last", "per_tensor_affine",
            "per_channel_affine", "qint8", "quint8", "qint32", "float8_e4m3fn", "float8_e5m2");

    /** Whole top-level modules that are dangerous to import from, with the reason. */
    private static final Map<String, String> DANGEROUS_MODULES = Map.ofEntries(
            Map.entry("os", "process execution and file system access"),
            Map.entry("posix", "process execution and file system access"),
            Map.entry("nt", "process execution and file system access"),
            Map.entry("_posixsubprocess", "process execution"),
            Map.entry("subprocess", "process execution"),
            Map.entry("pty", "process execution"),
            Map.entry("popen2", "process execution"),
            Map.entry("platform", "process execution (platform.popen)"),
            Map.entry("multiprocessing", "process execution"),
            Map.entry("asyncio", "process execution and network I/O"),
            Map.entry("threading", "runs arbitrary targets in threads"),
            Map.entry("_thread", "runs arbitrary targets in threads"),
            Map.entry("signal", "process control"),
            Map.entry("importlib", "imports arbitrary modules"),
            Map.entry("imp", "imports arbitrary modules"),
            Map.entry("pkgutil", "imports arbitrary modules (pkgutil.resolve_name)"),
            Map.entry("zipimport", "imports arbitrary modules"),
            Map.entry("runpy", "runs arbitrary modules"),
            Map.entry("operator", "indirect attribute access and calls (attrgetter, methodcaller)"),
            Map.entry("_operator", "indirect attribute access and calls (attrgetter, methodcaller)"),
            Map.entry("pickle", "nested deserialization runs code"),
            Map.entry("_pickle", "nested deserialization runs code"),
            Map.entry("pickletools", "nested deserialization"),
            Map.entry("marshal", "loads code objects"),
            Map.entry("dill", "nested deserialization runs code"),
            Map.entry("cloudpickle", "nested deserialization runs code"),
            Map.entry("joblib", "nested deserialization runs code"),
            Map.entry("shelve", "nested deserialization and file I/O"),
            Map.entry("pdb", "debugger runs code"),
            Map.entry("bdb", "debugger runs code"),
            Map.entry("ipdb", "debugger runs code"),
            Map.entry("code", "interactive interpreter runs code"),
            Map.entry("codeop", "compiles code"),
            Map.entry("trace", "runs code under tracing"),
            Map.entry("profile", "runs code under the profiler"),
            Map.entry("cProfile", "runs code under the profiler"),
            Map.entry("timeit", "runs code"),
            Map.entry("ctypes", "native memory access and foreign function calls"),
            Map.entry("_ctypes", "native memory access and foreign function calls"),
            Map.entry("cffi", "native foreign function calls"),
            Map.entry("sys", "interpreter internals (modules, hooks)"),
            Map.entry("gc", "interpreter internals (reaches every object)"),
            Map.entry("inspect", "interpreter internals"),
            Map.entry("site", "interpreter start-up hooks"),
            Map.entry("sysconfig", "interpreter internals"),
            Map.entry("distutils", "runs build commands"),
            Map.entry("setuptools", "runs build commands"),
            Map.entry("pip", "installs packages"),
            Map.entry("ensurepip", "installs packages"),
            Map.entry("venv", "creates environments and runs programs"),
            Map.entry("webbrowser", "opens URLs and runs programs"),
            Map.entry("socket", "network I/O"),
            Map.entry("_socket", "network I/O"),
            Map.entry("ssl", "network I/O"),
            Map.entry("socketserver", "network I/O"),
            Map.entry("http", "network I/O"),
            Map.entry("urllib", "network I/O"),
            Map.entry("requests", "network I/O"),
            Map.entry("httpx", "network I/O"),
            Map.entry("aiohttp", "network I/O"),
            Map.entry("ftplib", "network I/O"),
            Map.entry("smtplib", "network I/O"),
            Map.entry("telnetlib", "network I/O"),
            Map.entry("poplib", "network I/O"),
            Map.entry("imaplib", "network I/O"),
            Map.entry("nntplib", "network I/O"),
            Map.entry("xmlrpc", "network I/O"),
            Map.entry("io", "file I/O"),
            Map.entry("_io", "file I/O"),
            Map.entry("pathlib", "file I/O"),
            Map.entry("shutil", "file I/O and process execution"),
            Map.entry("tempfile", "file I/O"),
            Map.entry("glob", "file system access"),
            Map.entry("fileinput", "file I/O"),
            Map.entry("linecache", "file I/O"),
            Map.entry("tokenize", "file I/O"),
            Map.entry("zipfile", "file I/O"),
            Map.entry("tarfile", "file I/O (path traversal on extract)"),
            Map.entry("sqlite3", "file I/O"),
            Map.entry("dbm", "file I/O"),
            Map.entry("mmap", "memory-mapped file I/O"),
            Map.entry("resource", "process limits"),
            Map.entry("_winapi", "process execution"),
            Map.entry("msvcrt", "process internals"),
            Map.entry("winreg", "registry access"),
            Map.entry("types", "builds code and function objects"));

    private static final Map<String, String> DANGEROUS_NAMES = Map.ofEntries(
            Map.entry("builtins.eval", "evaluates Python code"),
            Map.entry("builtins.exec", "executes Python code"),
            Map.entry("builtins.execfile", "executes a Python file"),
            Map.entry("builtins.compile", "compiles Python code"),
            Map.entry("builtins.__import__", "imports arbitrary modules"),
            Map.entry("builtins.open", "file I/O"),
            Map.entry("builtins.file", "file I/O"),
            Map.entry("builtins.input", "reads the console"),
            Map.entry("builtins.breakpoint", "starts a debugger"),
            Map.entry("builtins.getattr", "indirect attribute access (reaches any method of any object)"),
            Map.entry("builtins.setattr", "changes attributes of live objects"),
            Map.entry("builtins.delattr", "changes attributes of live objects"),
            Map.entry("builtins.globals", "reaches interpreter globals"),
            Map.entry("builtins.locals", "reaches interpreter locals"),
            Map.entry("builtins.vars", "reaches object namespaces"),
            Map.entry("builtins.apply", "calls an arbitrary callable"),
            Map.entry("builtins.reload", "re-imports modules"),
            Map.entry("builtins.help", "starts the interactive help (pager process)"),
            Map.entry("builtins.memoryview", "raw memory views"),
            Map.entry("builtins.type", "creates classes dynamically"),
            Map.entry("builtins.super", "indirect attribute access"),
            Map.entry("builtins.classmethod", "builds callables"),
            Map.entry("builtins.staticmethod", "builds callables"),
            Map.entry("builtins.property", "builds callables"),
            Map.entry("copyreg.add_extension", "changes the unpickler's registry"),
            Map.entry("functools.partial", "wraps another callable for a later call"),
            Map.entry("functools.reduce", "calls an arbitrary callable repeatedly"),
            Map.entry("codecs.open", "file I/O"),
            Map.entry("numpy.load", "nested deserialization (allow_pickle) and file I/O"),
            Map.entry("numpy.fromfile", "file I/O"),
            Map.entry("numpy.tofile", "file I/O"),
            Map.entry("numpy.save", "file I/O"),
            Map.entry("numpy.savetxt", "file I/O"),
            Map.entry("numpy.loadtxt", "file I/O"),
            Map.entry("numpy.genfromtxt", "file I/O"),
            Map.entry("numpy.memmap", "file I/O"),
            Map.entry("torch.load", "nested deserialization runs code"),
            Map.entry("torch.save", "file I/O"),
            Map.entry("torch.from_file", "file I/O"),
            Map.entry("torch.serialization.load", "nested deserialization runs code"),
            Map.entry("torch.storage._load_from_bytes", "nested deserialization runs code"),
            Map.entry("pandas.read_pickle", "nested deserialization runs code"),
            Map.entry("pandas.read_csv", "file and network I/O"),
            Map.entry("keras.models.load_model", "nested model loading runs code"));

    private static final String[] DANGEROUS_PREFIXES = {"numpy.lib.npyio.", "numpy.ctypeslib", "numpy.f2py",
        "numpy.distutils", "numpy.testing", "torch.hub", "torch.jit", "torch.ops", "torch.classes",
        "torch.utils.cpp_extension", "torch._dynamo", "torch._inductor", "torch.package", "torch.multiprocessing",
        "torch.distributed", "tensorflow.io", "tensorflow.python.ops.io_ops", "tensorflow.compat.v1.io",
        "pandas.io.", "builtins.__", "keras.src.saving", "scipy.io", "IPython", "jinja2", "yaml.load", "yaml.unsafe"};

    private final boolean strict;

    public CallablePolicy(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** Maps Python 2 module names the way Python 3's unpickler does before it imports. */
    public static String normalizeModule(String module) {
        String m = PY2_MODULES.get(module);
        return m != null ? m : module;
    }

    public Verdict judge(String rawModule, String name) {
        String module = normalizeModule(rawModule);
        String q = module + "." + name;
        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        if (SAFE.contains(q)) {
            return Verdict.allowed();
        }
        String reason = DANGEROUS_NAMES.get(q);
        if (reason != null) {
            return critical(reason);
        }
        for (String p : DANGEROUS_PREFIXES) {
            if (q.startsWith(p)) {
                return critical(p.startsWith("builtins.__") ? "reaches interpreter internals" : describePrefix(p));
            }
        }
        reason = DANGEROUS_MODULES.get(top);
        if (reason != null) {
            return critical(reason);
        }
        if (name.contains("__") && !SAFE.contains(q)) {
            return critical("attribute chain through a special (dunder) attribute");
        }
        if (name.isEmpty() || module.isEmpty() || !isIdentifierPath(module) || !isIdentifierPath(name)) {
            return critical("the name is not a plain Python identifier path; a loader may resolve it unexpectedly");
        }
        if (SAFE.contains(q) || (module.equals("numpy") && NUMPY_SCALARS.contains(name))
                || (module.equals("torch") && TORCH_TYPES.contains(name))) {
            return Verdict.allowed();
        }
        if (strict) {
            return new Verdict(false, Severity.CRITICAL, "unknown",
                    "not on the allowlist of safe reconstruction callables (--strict)");
        }
        return new Verdict(false, Severity.WARNING, "unknown",
                "not on the allowlist of safe reconstruction callables; loading imports and may call it");
    }

    private static String describePrefix(String p) {
        if (p.startsWith("torch") || p.startsWith("keras") || p.startsWith("numpy.lib") || p.startsWith("pandas")) {
            return "nested loading, file I/O or compiled code";
        }
        if (p.startsWith("tensorflow") || p.startsWith("scipy")) {
            return "file I/O";
        }
        if (p.startsWith("yaml") || p.startsWith("jinja2") || p.startsWith("IPython")) {
            return "evaluates code";
        }
        return "native code, test or build machinery";
    }

    private static Verdict critical(String why) {
        return new Verdict(false, Severity.CRITICAL, "dangerous", why);
    }

    /** A dotted path of Python identifiers (what an unpickler can import). */
    public static boolean isIdentifierPath(String s) {
        for (String part : s.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isLetter(part.charAt(0)) && part.charAt(0) != '_') {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                char c = part.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '_') {
                    return false;
                }
            }
        }
        return true;
    }
}
