package dev.msw.cli;

import dev.msw.core.UserFacingException;
import dev.msw.core.Version;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the command line. Exit codes: 0 success, 1 the operation failed (bad key, tampered file,
 * verification failed), 2 usage error.
 */
@Command(name = "msw", mixinStandardHelpOptions = true, versionProvider = MswCommand.VersionProvider.class,
        description = "Model Security Workbench: encrypt, sign, inspect and guard machine-learning models.",
        footer = {"", "Run 'msw' with no arguments (or 'msw gui') to open the desktop app.",
                "Exit codes: 0 success, 1 the operation failed, 2 usage error."})
public final class MswCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: name one of the commands below");
    }

    /** Builds the command tree with the project's error handling; tests use it to run commands in-process. */
    public static CommandLine commandLine() {
        return configured(Commands.all());
    }

    /**
     * The command tree for {@code args}: when the first argument names a verb, only that verb is attached
     * under the root. picocli builds every command's model by reflection when it is added, which for the
     * whole tree costs a few hundred milliseconds of start-up; a run of one verb never needs the others.
     * Help, a missing or an unknown verb get the whole tree (listings, "did you mean"); "--version" alone
     * needs none of it.
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return configured(List.of());
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            for (Object sub : Commands.all()) {
                Command c = sub.getClass().getAnnotation(Command.class);
                if (c != null && (c.name().equals(args[0]) || List.of(c.aliases()).contains(args[0]))) {
                    return configured(List.of(sub));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine configured(List<Object> subcommands) {
        CommandLine cl = new CommandLine(new MswCommand());
        for (Object sub : subcommands) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler(MswCommand::handleExecutionException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // '@FILE' is ours to interpret ('msw predict --input @request.json', as curl does), not picocli's
        // argument-file expansion, which would splice the file's words into the command line
        cl.setExpandAtFiles(false);
        return cl;
    }

    public static int run(String... args) {
        return commandLineFor(args).execute(args);
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        Throwable t = ex;
        while (!(t instanceof UserFacingException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof UserFacingException ufe) {
            err.println("msw: " + ufe.getMessage());
        } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            java.io.IOException io = ex instanceof java.io.UncheckedIOException u ? u.getCause() : (java.io.IOException) ex;
            String path = io instanceof java.nio.file.FileSystemException fse && fse.getFile() != null ? fse.getFile() + ": " : "";
            err.println("msw: input/output error: " + path + UserFacingException.reason(io)
                    + ". Check the path, free disk space and permissions.");
        } else {
            err.println("msw: unexpected error: " + ex + ". This is a bug; please report it with the command you ran.");
            if (System.getenv("MSW_DEBUG") != null) {
                ex.printStackTrace(err);
            }
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** Versions of the product and its main components. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return Version.components().entrySet().stream()
                    .map((Map.Entry<String, String> e) -> e.getKey() + " " + e.getValue())
                    .toArray(String[]::new);
        }
    }
}
