package dev.msw.cli.signing;

import dev.msw.cli.JsonOutput;
import dev.msw.signing.KeyPairWriter;
import dev.msw.signing.KeyType;
import dev.msw.signing.PemKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msw keygen}: creates a signing key pair as PEM files and prints its fingerprint. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Create a signing key pair: a PKCS#8 private key (encrypted with a passphrase file if given) "
                + "and an SPKI public key, both PEM, readable by openssl and model_signing."},
        footer = {"", "Example:", "  msw keygen --type ec-p256 -o private.pem --public-out public.pem"})
public final class KeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--type", defaultValue = "ec-p256", paramLabel = "TYPE",
            description = "ec-p256 (default), ec-p384, ec-p521, ed25519, rsa-3072 or rsa-4096. "
                    + "Model-folder signatures need an ec-* key.")
    String type;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PRIVATE.pem", description = "Private key file to write.")
    Path privateOut;

    @Option(names = "--public-out", paramLabel = "PUBLIC.pem", description = "Public key file (default: PRIVATE.pub.pem).")
    Path publicOut;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Encrypt the private key with the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--force", description = "Replace existing key files.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KeyType t;
        try {
            t = KeyType.fromCliName(type);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path pub = publicOut != null ? publicOut : defaultPublic(privateOut);
        char[] pass = passphraseFile != null ? PemKeys.readPassphraseFile(passphraseFile) : null;
        KeyPairWriter.GeneratedKey k = KeyPairWriter.generate(t, privateOut, pub, pass, force);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", t.cliName());
            m.put("privateKey", k.privateKey().toString());
            m.put("publicKey", k.publicKey().toString());
            m.put("encrypted", k.encrypted());
            m.put("fingerprint", k.fingerprint());
            JsonOutput.print(spec.commandLine().getOut(), m);
        } else {
            var out = spec.commandLine().getOut();
            out.println("Created a key pair: " + t.displayName() + (k.encrypted() ? ", private key encrypted" : ""));
            out.println("  private key: " + k.privateKey());
            out.println("  public key:  " + k.publicKey());
            out.println("  fingerprint: SHA256:" + k.fingerprint());
            out.flush();
        }
        return 0;
    }

    static Path defaultPublic(Path priv) {
        String name = priv.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return priv.resolveSibling(base + ".pub.pem");
    }
}
