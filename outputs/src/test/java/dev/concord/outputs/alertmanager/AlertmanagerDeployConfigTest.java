package dev.concord.outputs.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.services.CommandLineTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/alertmanager/alertmanager.yml, checked with Alertmanager's own amtool. */
class AlertmanagerDeployConfigTest {

    private static final Path CONFIG = CommandLineTools.repoRoot().resolve("deploy/alertmanager/alertmanager.yml");

    @Test
    void isAValidAlertmanagerConfiguration() throws Exception {
        CommandLineTools.Result result =
                CommandLineTools.run(CommandLineTools.require("amtool"), "check-config", CONFIG.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").contains("4 inhibit rules");
    }

    @ParameterizedTest(name = "{0} {1} goes to {2}")
    @CsvSource({
        "SloBurnRateHigh, page, on-call",
        "SloBurnRateHigh, ticket, ticket",
        "FailoverRecommended, page, on-call",
        "FailoverVetoed, ticket, ticket",
        "FailoverNeedsConfirmation, page, on-call",
        "FailoverHeld, ticket, ticket",
        "RollbackRecommended, page, on-call",
        "FailoverNotice, ticket, ticket",
    })
    void routesPagesToOnCallAndTicketsToTheTicketQueue(String alertname, String severity, String receiver)
            throws Exception {
        CommandLineTools.Result result = CommandLineTools.run(
                CommandLineTools.require("amtool"),
                "config",
                "routes",
                "test",
                "--config.file=" + CONFIG,
                "--verify.receivers=" + receiver,
                AlertLabels.ALERTNAME + "=" + alertname,
                AlertLabels.SEVERITY + "=" + severity,
                AlertLabels.SLO + "=order-to-fulfillment-availability",
                AlertLabels.TRANSACTION + "=order-to-fulfillment");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).endsWith(receiver);
    }
}
