package dev.concord.jobs.cli;

import dev.concord.jobs.decide.ControlChannel;
import dev.concord.jobs.decide.OperatorConfirmation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code concord confirm}: writes an operator's confirmation into the decision job's control directory. */
@Command(
        name = "confirm",
        mixinStandardHelpOptions = true,
        description = "Confirm a decision pending confirmation: the running decision job reads the control "
                + "directory and records CONFIRMED at its next evaluation.")
final class ConfirmCommand implements Callable<Integer> {

    /** The confirmation's time when none is given; tests replace it. */
    static Clock clock = Clock.systemUTC();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DECISION_ID", description = "As in the decision record, POLICY/SCOPE/TIME.")
    private String decisionId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who confirms.")
    private String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
    private String reason = "";

    @Option(
            names = "--control-dir",
            paramLabel = "DIR",
            description = "The decision job's control directory (default: ${DEFAULT-VALUE}).")
    private Path controlDir = Path.of(ControlChannel.DEFAULT_DIRECTORY);

    @Option(
            names = "--at",
            paramLabel = "RFC3339",
            description = "The confirmation's event time (default: now); for a replay, a time inside it.")
    private String at;

    @Override
    public Integer call() throws IOException {
        if (decisionId.indexOf('/') <= 0 || decisionId.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "DECISION_ID must look like POLICY/SCOPE/TIME, got '" + decisionId + "'");
        }
        if (by.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who confirms");
        }
        Instant when;
        try {
            when = at == null ? clock.instant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--at must be an RFC 3339 time such as 2026-01-05T10:27:00Z, got '" + at + "'");
        }
        Path written =
                ControlChannel.write(controlDir, new OperatorConfirmation(decisionId, by, reason, when.toEpochMilli()));
        spec.commandLine()
                .getOut()
                .println("confirmation of " + decisionId + " by " + by + " at " + when + " written to " + written);
        return 0;
    }
}
