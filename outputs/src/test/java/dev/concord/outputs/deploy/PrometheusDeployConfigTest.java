package dev.concord.outputs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.services.CommandLineTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy/prometheus: the configuration and Concord's health alerts, checked and unit-tested with promtool. */
class PrometheusDeployConfigTest {

    private static final Path PROMETHEUS = CommandLineTools.repoRoot().resolve("deploy/prometheus");

    @Test
    void theConfigurationIsValid() throws Exception {
        CommandLineTools.Result result = CommandLineTools.run(
                CommandLineTools.require("promtool"),
                "check",
                "config",
                PROMETHEUS.resolve("prometheus.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theHealthRulesAreValid() throws Exception {
        CommandLineTools.Result result = CommandLineTools.run(
                CommandLineTools.require("promtool"),
                "check",
                "rules",
                PROMETHEUS.resolve("rules/concord-health.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void theHealthAlertsFireWhenTheirUnitTestsSayTheyShould() throws Exception {
        CommandLineTools.Result result = CommandLineTools.run(
                CommandLineTools.require("promtool"),
                "test",
                "rules",
                PROMETHEUS.resolve("rules-tests/concord-health.test.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
