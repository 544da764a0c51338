package dev.msw.cli.artifacts;

import dev.msw.crypto.ArtifactBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} result of encrypt and decrypt. */
final class BatchReport {
    private BatchReport() {
    }

    static Map<String, Object> of(String action, List<ArtifactBatch.Outcome> done, List<String> recipients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("ok", true);
        if (recipients != null) {
            m.put("recipients", recipients);
        }
        List<Object> files = new ArrayList<>();
        for (ArtifactBatch.Outcome o : done) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("input", o.source().toString());
            f.put("output", o.destination().toString());
            f.put("plaintextBytes", o.result().plaintextBytes());
            f.put("encryptedBytes", o.result().encryptedBytes());
            if (o.result().openedWith() != null) {
                f.put("openedWith", o.result().openedWith());
            }
            files.add(f);
        }
        m.put("files", files);
        return m;
    }
}
