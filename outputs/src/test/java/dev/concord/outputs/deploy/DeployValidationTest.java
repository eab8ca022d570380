package dev.concord.outputs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concord.outputs.alertmanager.DecisionAlerts;
import dev.concord.outputs.alertmanager.SloAlerts;
import dev.concord.services.CommandLineTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards and docker-compose.yml, checked offline with the npm tooling in deploy/grafana/validate
 * (no Grafana or Docker runs here): Grafana's dashboard schema, provisioned datasource uids, PromQL through promtool,
 * and the Compose specification's schema with cross-references.
 */
class DeployValidationTest {

    private static final Path ROOT = CommandLineTools.repoRoot();
    private static final Path VALIDATE = ROOT.resolve("deploy/grafana/validate");
    private static final Path DASHBOARDS = ROOT.resolve("deploy/grafana/dashboards");

    private static String node;

    @BeforeAll
    static void installTooling() throws Exception {
        node = CommandLineTools.require("node");
        String npm = CommandLineTools.require("npm");
        if (!Files.isDirectory(VALIDATE.resolve("node_modules"))) {
            CommandLineTools.Result install = CommandLineTools.run(VALIDATE, npm, "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode()).as(install.output()).isZero();
        }
        if (!Files.exists(VALIDATE.resolve("grafana-dashboard.schema.json"))) {
            CommandLineTools.Result schema = CommandLineTools.run(VALIDATE, npm, "run", "-s", "schema");
            assertThat(schema.exitCode()).as(schema.output()).isZero();
        }
    }

    private static List<String> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
    }

    private static CommandLineTools.Result node(String script, List<String> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(node, script));
        command.addAll(files);
        return CommandLineTools.run(VALIDATE, command.toArray(String[]::new));
    }

    @Test
    void everyDashboardMatchesGrafanasSchemaAndUsesProvisionedDatasources() throws Exception {
        CommandLineTools.Result result = node("validate-dashboard.mjs", dashboards());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("OK"))).hasSize(5);
    }

    @Test
    void theValidatorRejectsADashboardWithADuplicatePanelIdAndAnUnknownDatasource(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode broken = (ObjectNode)
                json.readTree(DASHBOARDS.resolve("concord-engine-health.json").toFile());
        ArrayNode panels = (ArrayNode) broken.get("panels");
        ((ObjectNode) panels.get(1)).put("id", panels.get(0).get("id").asInt());
        ((ObjectNode) panels.get(2).get("datasource")).put("uid", "not-provisioned");
        Path file = dir.resolve("broken.json");
        json.writeValue(file.toFile(), broken);

        CommandLineTools.Result result = node("validate-dashboard.mjs", List.of(file.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("duplicate id").contains("'not-provisioned' is not provisioned");
    }

    @Test
    void everyPanelQueryIsValidPromql() throws Exception {
        CommandLineTools.require("promtool");
        CommandLineTools.Result result = node("check-dashboard-promql.mjs", dashboards());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void dashboardsHaveTheFixedUidsAlertsLinkTo() throws Exception {
        List<String> uids = new ArrayList<>();
        for (String file : dashboards()) {
            JsonNode dashboard = new ObjectMapper().readTree(Path.of(file).toFile());
            uids.add(dashboard.get("uid").asText());
        }
        assertThat(uids)
                .containsExactlyInAnyOrder(
                        "concord-overview",
                        "concord-slo-detail",
                        "concord-failover-decisions",
                        "concord-signal-agreement",
                        "concord-engine-health");
        assertThat(SloAlerts.SLO_DETAIL_DASHBOARD_PATH).startsWith("/d/concord-slo-detail/");
        assertThat(DecisionAlerts.DECISIONS_DASHBOARD_PATH).startsWith("/d/concord-failover-decisions/");
    }

    @Test
    void theComposeFileMatchesTheComposeSpecificationAndMountsTheTestedConfiguration() throws Exception {
        Path compose = ROOT.resolve("docker-compose.yml");
        CommandLineTools.Result result = node("validate-compose.mjs", List.of(compose.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(compose))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro")
                .contains("./deploy/prometheus/rules:/etc/prometheus/rules:ro")
                .contains("./deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro")
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro")
                .contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards/concord:ro");
    }
}
