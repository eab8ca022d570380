package dev.concord.cli;

import dev.concord.rules.CheckReport;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.rules.explain.Explainer;
import dev.concord.rules.explain.JsonReport;
import dev.concord.rules.explain.TextReport;
import dev.concord.rules.openslo.OpenSloImport;
import dev.concord.rules.openslo.OpenSloImport.ImportResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code concord rules ...}: the rule language's commands; the work is done in slo-rules. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Check, explain and import SLO and failover rules (apiVersion concord.dev/v1).",
        subcommands = {RulesCommand.Check.class, RulesCommand.Explain.class, RulesCommand.ImportOpenSlo.class})
final class RulesCommand implements Runnable {

    /** Exit status when the rules (or the OpenSLO input) have errors; usage errors exit with picocli's 2. */
    static final int INVALID = 1;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: choose check, explain or import-openslo");
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            versionProvider = ConcordVersion.class,
            description = "Load and validate rule files and directories; print every problem as "
                    + "FILE:LINE:COLUMN: SEVERITY: PATH: MESSAGE. Exit 0 when valid (warnings allowed), 1 when not.")
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files (.yaml, .yml) or directories.")
        private List<Path> paths;

        @Override
        public Integer call() {
            CheckResult result = Rules.check(existing(spec, paths));
            PrintWriter out = spec.commandLine().getOut();
            out.print(CheckReport.render(result));
            out.flush();
            return result.valid() ? 0 : INVALID;
        }
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            versionProvider = ConcordVersion.class,
            description = "Print, per SLO, its error budget and each alert window pair with its burn rate, "
                    + "error-ratio threshold, the share of budget spent when it fires and the time to exhaust the "
                    + "budget at that rate. Invalid rules print their problems and exit 1.")
    static final class Explain implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files (.yaml, .yml) or directories.")
        private List<Path> paths;

        @Option(names = "--json", description = "Print JSON instead of text.")
        private boolean json;

        @Override
        public Integer call() {
            CheckResult result = Rules.check(existing(spec, paths));
            if (!result.valid()) {
                PrintWriter err = spec.commandLine().getErr();
                err.print(CheckReport.render(result));
                err.flush();
                return INVALID;
            }
            var explanations = Explainer.explain(result.rules());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? JsonReport.render(explanations) : TextReport.render(explanations));
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "import-openslo",
            mixinStandardHelpOptions = true,
            versionProvider = ConcordVersion.class,
            description = "Convert OpenSLO v1 files and directories into Concord rules, one file per SLO in DIR. "
                    + "Anything that cannot be mapped is an error naming its field; then nothing is written.")
    static final class ImportOpenSlo implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "OpenSLO files or directories.")
        private List<Path> paths;

        @Option(
                names = {"-o", "--out"},
                required = true,
                paramLabel = "DIR",
                description = "Output directory.")
        private Path out;

        @Override
        public Integer call() throws IOException {
            ImportResult result = OpenSloImport.read(existing(spec, paths));
            PrintWriter stdout = spec.commandLine().getOut();
            result.problems().forEach(stdout::println);
            if (!result.valid()) {
                stdout.println("not imported: " + result.errorCount() + " error(s); nothing written");
                stdout.flush();
                return INVALID;
            }
            Files.createDirectories(out);
            for (var file : result.files()) {
                Files.writeString(out.resolve(file.name()), file.yaml());
                stdout.println("wrote " + out.resolve(file.name()));
            }
            stdout.flush();
            return 0;
        }
    }

    private static List<Path> existing(CommandSpec spec, List<Path> paths) {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No such file or directory: " + path);
            }
        }
        return paths;
    }
}
