package dev.msw.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The product version and the versions of the runtime it runs on, for "--version" and the About dialog. */
public final class Version {
    private Version() {
    }

    public static String product() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/msw-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("msw.version", "unknown");
    }

    /** Name → version of the product and its main components, in display order. */
    public static Map<String, String> components() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Model Security Workbench", product());
        m.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("Bouncy Castle", new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr());
        m.put("Jackson", packageVersion("com.fasterxml.jackson.databind.ObjectMapper"));
        return m;
    }

    public static String packageVersion(String className) {
        try {
            Package p = Class.forName(className).getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? "present" : v;
        } catch (ClassNotFoundException | LinkageError e) {
            return "not available";
        }
    }
}
