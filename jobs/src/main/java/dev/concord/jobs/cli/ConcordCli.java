package dev.concord.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code concord} command line. */
@Command(
        name = "concord",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Business-transaction SLOs and safe failover decisions across two clouds.",
        subcommands = {DemoCommand.class, IngestCommand.class, TestCommand.class, ServicesCommand.class})
public final class ConcordCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ConcordCli());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: choose one of the commands below");
    }
}
