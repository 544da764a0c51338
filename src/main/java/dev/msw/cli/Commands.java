package dev.msw.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Every top-level verb of the command line, in the order 'msw --help' lists them. Each area keeps its own
 * block so that features can be added independently.
 */
final class Commands {
    private Commands() {
    }

    static List<Object> all() {
        List<Object> c = new ArrayList<>();
        c.add(new GuiCommand());
        // --- artifacts (encryption at rest) ---
        c.add(new dev.msw.cli.artifacts.EncryptCommand());
        c.add(new dev.msw.cli.artifacts.DecryptCommand());
        c.add(new dev.msw.cli.artifacts.HeaderCommand());
        c.add(new dev.msw.cli.artifacts.KeyringCommand());
        c.add(new dev.msw.cli.artifacts.KeyCommand());

        // --- signing ---
        c.add(new dev.msw.cli.signing.KeygenCommand());
        c.add(new dev.msw.cli.signing.SignCommand());
        c.add(new dev.msw.cli.signing.VerifyCommand());

        // --- secrets and policies ---
        c.add(new dev.msw.cli.secrets.SecretsCommand());
        c.add(new dev.msw.cli.secrets.PolicyCommand());

        // --- prediction console ---
        c.add(new dev.msw.cli.console.PredictCommand());

        // --- keys, backups and audit ---
        c.add(new dev.msw.cli.audit.AuditCommand());
        c.add(new dev.msw.cli.backup.BackupCommand());
        c.add(new dev.msw.cli.keys.RewrapCommand());
        c.add(new dev.msw.cli.keys.RekeyCommand());
        c.add(new dev.msw.cli.keys.InventoryCommand());

        // --- inspect ---
        c.add(new dev.msw.cli.inspect.InspectCommand());
        c.add(new dev.msw.cli.legacy.LegacyCommand());

        // --- end ---
        return c;
    }
}
