package dev.concord.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code concord} command line. */
@Command(
        name = "concord",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Business-transaction SLOs and safe failover decisions across two clouds.",
        subcommands = {
            DemoCommand.class,
            ReplayCommand.class,
            RulesCommand.class,
            IngestCommand.class,
            SimulateCommand.class,
            ScenariosCommand.class,
            BenchCommand.class,
            ConfirmCommand.class
        })
public final class ConcordCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ConcordCli());
    }

    @Command(
            name = "test",
            description = "Start the real services, run every test (mvn verify), stop the services; "
                    + "exit with the tests' status.")
    int test() {
        return runByTheLauncher("test");
    }

    @Command(
            name = "services",
            description = "start|stop|status [kafka|elasticsearch|prometheus|alertmanager|flink-cluster|all]: "
                    + "the real services on 127.0.0.1 for tests and development.")
    int services() {
        return runByTheLauncher("services status");
    }

    /** These commands need Maven and the scripts, not this jar: they are listed here so that --help shows them. */
    private int runByTheLauncher(String example) {
        spec.commandLine()
                .getErr()
                .println("`concord " + example.split(" ")[0]
                        + "` runs through the ./concord launcher at the repository root: ./concord " + example);
        return 2;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: choose one of the commands below");
    }
}
