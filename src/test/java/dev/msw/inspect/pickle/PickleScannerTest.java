package dev.msw.inspect.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.inspect.Finding;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PickleScannerTest {

    static PickleAnalysis scan(byte[] b, boolean strict, boolean keep) throws Exception {
        return new PickleScanner(new CallablePolicy(strict), ScanLimits.defaults(), keep)
                .scan(new ByteArrayInputStream(b), CancellationToken.NONE);
    }

    static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static boolean hasCritical(PickleAnalysis a, String subject) {
        return a.findings().stream().anyMatch(f -> f.severity() == Severity.CRITICAL && f.subject().equals(subject));
    }

    @Test
    void protocolZeroGlobalAndReduceIsCriticalWithOffset() throws Exception {
        PickleAnalysis a = scan(b("cposix\nsystem\n(S'id'\ntR."), false, false);
        Finding f = a.findings().stream().filter(x -> x.subject().equals("posix.system")).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(0, f.offset());
        assertEquals(1, a.calls().size());
        assertEquals("REDUCE", a.calls().get(0).opcode());
        assertEquals("posix.system", a.calls().get(0).callee());
        assertTrue(a.complete());
    }

    @Test
    void stackGlobalThroughMemoFromAnyPosition() throws Exception {
        // 'os' memoized, popped, unrelated work, then BINGET feeds STACK_GLOBAL
        byte[] p = b("\u0080\u0004\u008c\u0002os\u0094" + "0" + "\u008c\u0006system\u0094" + "0" + "]\u0094(K\u0001e0"
                + "h\u0000h\u0001\u0093\u008c\u0002id\u0085R.");
        PickleAnalysis a = scan(p, false, false);
        assertTrue(hasCritical(a, "os.system"), a.findings().toString());
    }

    @Test
    void getattrIndirectionFlagsTheIndirectCall() throws Exception {
        String su = "\u008c";
        byte[] p = b("\u0080\u0004" + su + "\u0008builtins" + su + "\u0007getattr\u0093" + su + "\u0008builtins" + su
                + "\n__import__\u0093" + su + "\u0002os\u0085R" + su + "\u0006system\u0086R" + su + "\u0002id\u0085R.");
        PickleAnalysis a = scan(p, false, false);
        assertTrue(hasCritical(a, "builtins.getattr"));
        assertTrue(hasCritical(a, "builtins.__import__"));
        assertTrue(a.findings().stream().anyMatch(f -> f.rule().equals("indirect-call")));
    }

    @Test
    void plainContainersAreCleanAndKeptAsValues() throws Exception {
        // {'w': [1, 2.5, None, True], 't': ('x',)} in protocol 2
        byte[] p = b("\u0080\u0002}q\u0000(X\u0001\u0000\u0000\u0000w]q\u0001(K\u0001G@\u0004\u0000\u0000\u0000\u0000\u0000\u0000N\u0088e"
                + "X\u0001\u0000\u0000\u0000tX\u0001\u0000\u0000\u0000x\u0085u.");
        PickleAnalysis a = scan(p, true, true);
        assertTrue(a.findings().isEmpty(), a.findings().toString());
        PyValue.Dict d = (PyValue.Dict) a.values().get(0);
        assertEquals(2, d.size());
        PyValue.Seq list = (PyValue.Seq) d.values().get(0);
        assertEquals(4, list.items().size());
        assertEquals(2.5, ((PyValue.Float) list.items().get(1)).value());
    }

    @Test
    void unknownCallableIsWarningAndCriticalUnderStrict() throws Exception {
        byte[] p = b("csklearn.linear_model\nLogisticRegression\n)R.");
        assertEquals(Severity.WARNING, scan(p, false, false).findings().get(0).severity());
        assertEquals(Severity.CRITICAL, scan(p, true, false).findings().get(0).severity());
    }

    @Test
    void safeReconstructionCallablesProduceNoFindings() throws Exception {
        byte[] p = b("ccollections\nOrderedDict\n)R.");
        PickleAnalysis a = scan(p, true, false);
        assertTrue(a.findings().isEmpty());
        assertEquals("safe", a.imports().get(0).verdict());
    }

    @Test
    void truncatedAndUnknownOpcodesFailClosed() throws Exception {
        PickleAnalysis t = scan(b("\u0080\u0004\u008c\u0002os"), false, false);
        assertFalse(t.complete());
        assertTrue(t.findings().stream().anyMatch(f -> f.rule().equals("pickle-unparseable")
                && f.severity() == Severity.CRITICAL));
        PickleAnalysis u = scan(b("\u0080\u0004\u00ff."), false, false);
        assertTrue(u.findings().stream().anyMatch(f -> f.rule().equals("pickle-unparseable")));
    }

    @Test
    void stackedPickleAfterABenignOneIsScanned() throws Exception {
        PickleAnalysis a = scan(b("\u0080\u0002}.\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R."), false, false);
        assertEquals(2, a.pickles());
        assertTrue(hasCritical(a, "os.system"));
    }

    @Test
    void limitsAreReportedAsWarningsNotVerdicts() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b("\u0080\u0002](")); // list, mark
        for (int i = 0; i < 1000; i++) {
            o.write('K');
            o.write(i & 0x7f);
        }
        o.write(b("e."));
        PickleAnalysis a = new PickleScanner(new CallablePolicy(false), ScanLimits.defaults().withMaxOpcodes(100), false)
                .scan(new ByteArrayInputStream(o.toByteArray()), CancellationToken.NONE);
        Finding f = a.findings().get(0);
        assertEquals("limit-reached", f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.why().contains("not a malware verdict"));
    }

    @Test
    void protocolZeroStringEscapesAndUnicodeAreDecoded() throws Exception {
        PickleAnalysis a = scan(b("(S'a\\x41\\n'\nVcaf\\u00e9\nt."), false, true);
        PyValue.Seq t = (PyValue.Seq) a.values().get(0);
        assertEquals("aA\n", ((PyValue.Str) t.items().get(0)).value());
        assertEquals("café", ((PyValue.Str) t.items().get(1)).value());
    }
}
