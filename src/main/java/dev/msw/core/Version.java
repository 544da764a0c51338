package dev.msw.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

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
        m.put("Bouncy Castle", bundleVersion("org.bouncycastle.jce.provider.BouncyCastleProvider"));
        m.put("Jackson", bundleVersion("com.fasterxml.jackson.databind.ObjectMapper"));
        return m;
    }

    /**
     * The OSGi {@code Bundle-Version} in the manifest of the jar that holds the class, found without loading the
     * class. Bouncy Castle declares its version only there or in a provider instance; building a provider, or
     * only loading a class from its signed jar (the signature check), cost 0.3-0.6 s of a cold start and made
     * {@code msw --version} slower than any other command.
     */
    public static String bundleVersion(String className) {
        URL classFile = Version.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (classFile == null) {
            return "not available";
        }
        try {
            if (!(classFile.openConnection() instanceof JarURLConnection jar)) {
                return "present";
            }
            try (JarFile jf = new JarFile(Path.of(jar.getJarFileURL().toURI()).toFile(), false)) {
                Manifest mf = jf.getManifest();
                String v = mf == null ? null : mf.getMainAttributes().getValue("Bundle-Version");
                return v == null ? "present" : v;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "present";
        }
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
