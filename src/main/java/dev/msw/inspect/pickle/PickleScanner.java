package dev.msw.inspect.pickle;

import dev.msw.core.CancellationToken;
import dev.msw.inspect.Findings;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.Severity;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans a pickle stream without unpickling it: every opcode of protocols 0–5 is walked with a symbolic stack
 * and memo, every import and call is recorded with its byte offset and judged by the allowlist of
 * {@link CallablePolicy}. Several pickles stacked in one stream are all walked. The scan fails closed: a stream
 * the walker cannot follow is a critical finding, never a silent "clean". Memory is bounded: byte and string
 * payloads are skipped, not kept, and containers keep their items only when values are requested.
 */
public final class PickleScanner {
    static final int MAX_CALLS_LISTED = 1000;
    private static final BigInteger TORCH_LEGACY_MAGIC = new BigInteger("119547037146038801333356");
    private static final String STACKED_STARTS = "\u0080(c]})NIVSFLdlti";

    private final CallablePolicy policy;
    private final ScanLimits limits;
    private final boolean keepValues;

    public PickleScanner(CallablePolicy policy, ScanLimits limits, boolean keepValues) {
        this.policy = policy;
        this.limits = limits;
        this.keepValues = keepValues;
    }

    public PickleAnalysis scan(InputStream in, CancellationToken cancel) throws IOException {
        PickleSource src = new PickleSource(in);
        Recorder rec = new Recorder(policy);
        List<PyValue> values = new ArrayList<>();
        int pickles = 0;
        int maxProto = 0;
        boolean complete = true;
        boolean parsed = false;
        int expectedPickles = Integer.MAX_VALUE;
        while (true) {
            int first = src.peek();
            if (first < 0) {
                break;
            }
            long start = src.position();
            if (pickles >= expectedPickles) {
                rec.note(Severity.INFO, "torch-legacy-storage", "", start,
                        "legacy PyTorch file: raw tensor storage follows the pickles and is not read");
                break;
            }
            if (pickles > 0 && STACKED_STARTS.indexOf(first) < 0) {
                rec.note(Severity.INFO, "trailing-data", "", start,
                        "bytes after the last pickle are not another pickle; an unpickler stops at the STOP opcode");
                break;
            }
            long importsBefore = rec.importCount;
            long callsBefore = rec.callCount;
            PickleMachine m = new PickleMachine(src, rec, limits, keepValues, cancel);
            try {
                PyValue v = m.run();
                pickles++;
                parsed = true;
                maxProto = Math.max(maxProto, m.protocol);
                if (keepValues) {
                    values.add(v);
                }
                if (pickles == 1 && v instanceof PyValue.Int i && TORCH_LEGACY_MAGIC.equals(i.big())) {
                    expectedPickles = 5;
                }
            } catch (PickleMachine.MalformedPickle | EOFException e) {
                boolean sawCode = rec.importCount > importsBefore || rec.callCount > callsBefore;
                maxProto = Math.max(maxProto, m.protocol);
                String msg = e instanceof EOFException ? "the stream ends in the middle of an opcode (truncated)"
                        : e.getMessage();
                if (pickles > 0 && first != 0x80 && !sawCode) {
                    rec.note(Severity.INFO, "trailing-data", "", start,
                            "bytes after the last pickle are not another pickle (" + msg + ")");
                } else {
                    parsed |= first == 0x80 || sawCode;
                    complete = false;
                    rec.note(Severity.CRITICAL, "pickle-unparseable", msg, src.position(),
                            "the scanner cannot follow the pickle past this point; an unpickler may still execute"
                                    + " what comes before it, so the file is not known to be safe");
                }
                break;
            } catch (PickleMachine.LimitReached e) {
                parsed = true;
                complete = false;
                rec.note(Severity.WARNING, "limit-reached", e.getMessage(), src.position(),
                        "a scan limit was reached, so the rest of the pickle was not analysed; this is not a malware"
                                + " verdict: raise the limit to scan it completely");
                break;
            }
        }
        List<PickleAnalysis.ImportRecord> imports = new ArrayList<>();
        for (ImportAgg a : rec.imports.values()) {
            imports.add(new PickleAnalysis.ImportRecord(a.callable, a.verdict.category(),
                    a.verdict.safe() ? "none" : a.verdict.severity().label(), a.first, a.count, a.verdict.why()));
        }
        return new PickleAnalysis(rec.findings.list(), imports, rec.calls, rec.callCount, rec.opcodes, pickles,
                maxProto, values, complete, parsed, src.position());
    }

    private static final class ImportAgg {
        final String callable;
        final CallablePolicy.Verdict verdict;
        final long first;
        long count = 1;

        ImportAgg(String callable, CallablePolicy.Verdict verdict, long first) {
            this.callable = callable;
            this.verdict = verdict;
            this.first = first;
        }
    }

    /** Receives what the machine does; shared across stacked pickles of one stream. */
    static final class Recorder {
        private final CallablePolicy policy;
        final Findings findings = new Findings();
        final Map<String, ImportAgg> imports = new LinkedHashMap<>();
        final List<PickleAnalysis.CallRecord> calls = new ArrayList<>();
        long opcodes;
        long valueNodes;
        long importCount;
        long callCount;
        long persistentCount;

        Recorder(CallablePolicy policy) {
            this.policy = policy;
        }

        void note(Severity s, String rule, String subject, long off, String why) {
            findings.add(s, rule, subject, off, why);
        }

        PyValue.Global imported(String module, String name, long off, String opcode, PickleMachine m) {
            importCount++;
            String q = module + "." + name;
            ImportAgg agg = imports.get(q);
            if (agg != null) {
                agg.count++;
            } else {
                CallablePolicy.Verdict v = policy.judge(module, name);
                agg = new ImportAgg(q, v, off);
                if (imports.size() < 100_000) {
                    imports.put(q, agg);
                }
            }
            if (!agg.verdict.safe()) {
                String rule = agg.verdict.category().equals("dangerous") ? "dangerous-import" : "unknown-import";
                findings.add(agg.verdict.severity(), rule, q, off,
                        opcode + " imports " + q + ": " + agg.verdict.why());
            }
            return new PyValue.Global(module, name, off);
        }

        PyValue.Call called(PyValue callee, String opcode, long off, PyValue args) {
            String name;
            if (callee instanceof PyValue.Global g) {
                name = g.qualified();
            } else if (callee instanceof PyValue.Call || callee instanceof PyValue.PersistentRef
                    || callee instanceof PyValue.OutOfBand) {
                name = "(" + PickleMachine.describe(callee) + ")";
                findings.add(Severity.CRITICAL, "indirect-call", name, off, opcode
                        + " calls an object computed while loading, not an imported name: the classic way to"
                        + " reach a dangerous method through a harmless-looking import");
            } else {
                throw new IllegalStateException("the machine passes only callables");
            }
            record(name, opcode, off);
            return new PyValue.Call(name, opcode, off, args);
        }

        void built(PyValue target, long off) {
            if (target instanceof PyValue.Global g) {
                findings.add(Severity.CRITICAL, "build-on-import", g.qualified(), off,
                        "BUILD sets attributes on the imported object " + g.qualified()
                                + " itself, changing code every later user of it runs");
                record("setstate of " + g.qualified(), "BUILD", off);
            } else if (target instanceof PyValue.Call c) {
                record("setstate of " + c.callee(), "BUILD", off);
            } else {
                record("setstate of " + PickleMachine.describe(target), "BUILD", off);
            }
        }

        void methodCall(PyValue target, String opcode, long off) {
            if (target instanceof PyValue.Global g) {
                findings.add(Severity.CRITICAL, "mutates-import", g.qualified(), off,
                        opcode + " changes the imported object " + g.qualified() + " itself");
            }
            record("method of " + PickleMachine.describe(target), opcode, off);
        }

        void discarded(PyValue.Call c, long off) {
            if (c.callee().startsWith("(")) {
                return;
            }
            int dot = c.callee().lastIndexOf('.');
            CallablePolicy.Verdict v = dot > 0 ? policy.judge(c.callee().substring(0, dot), c.callee().substring(dot + 1))
                    : null;
            if (v != null && !v.safe()) {
                findings.add(Severity.INFO, "discarded-call", c.callee(), off,
                        "the result of calling " + c.callee() + " is thrown away (POP): the call is made only for"
                                + " its side effect");
            }
        }

        PyValue persistent(long off) {
            persistentCount++;
            if (persistentCount == 1) {
                record("persistent_load", "PERSID", off);
            }
            return new PyValue.PersistentRef(off);
        }

        PyValue extension(int code, long off) {
            findings.add(Severity.WARNING, "extension-code", Integer.toString(code), off,
                    "the import goes through copyreg's extension registry (code " + code
                            + "), which the loading program controls; we cannot see what it names");
            importCount++;
            return new PyValue.Global("<extension>", Integer.toString(code), off);
        }

        private void record(String callee, String opcode, long off) {
            callCount++;
            if (calls.size() < MAX_CALLS_LISTED) {
                calls.add(new PickleAnalysis.CallRecord(callee, opcode, off));
            }
        }
    }
}
