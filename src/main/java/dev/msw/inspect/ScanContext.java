package dev.msw.inspect;

import dev.msw.core.CancellationToken;
import dev.msw.inspect.pickle.CallablePolicy;
import java.io.IOException;
import java.io.InputStream;

/** What a format scanner needs: the policy, the limits, cancellation, and a way to scan what it contains. */
public interface ScanContext {
    CallablePolicy policy();

    ScanLimits limits();

    CancellationToken cancel();

    /**
     * Scans an embedded artifact (an archive member, a decompressed payload) by content and attaches it to
     * {@code parent} as a member named {@code parent:name}.
     *
     * @param size the member's size when known, else -1
     */
    ArtifactReport scanMember(ArtifactReport parent, String name, InputStream in, long size, int depth)
            throws IOException;
}
