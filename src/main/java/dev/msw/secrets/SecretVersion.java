package dev.msw.secrets;

import java.util.Map;
import java.util.TreeMap;

/**
 * A read secret: its key/value data (empty when deleted or destroyed) and its version facts. {@link #toString()}
 * masks the values so a secret never reaches a log or an exception by accident.
 */
public record SecretVersion(String env, String path, Map<String, String> data, VersionInfo info) {
    public SecretVersion {
        data = java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }

    @Override
    public String toString() {
        return "SecretVersion[" + env + "/" + path + " v" + info.version() + " keys=" + data.keySet() + " (values masked)]";
    }
}
