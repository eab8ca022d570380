package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesCommandTest {

    private static final String SHIPPED = Path.of("..", "slo-rules", "rules").toString();

    private static final String TRANSACTION = """
            apiVersion: concord.dev/v1
            kind: BusinessTransaction
            metadata: {name: order-to-fulfillment}
            spec: {stages: [order-capture, erp-posting], maxDuration: 15m}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theShippedRulesCheckValidAndExitWithZero() {
        assertThat(run("rules", "check", SHIPPED)).isZero();
        assertThat(out.toString())
                .isEqualTo("valid: 4 transactions, 8 SLOs, 5 failover policies, 2 guard signals, 1 window table\n");
    }

    @Test
    void invalidRulesPrintEveryMessageAndExitWithOne() throws IOException {
        Path rules = Files.writeString(dir.resolve("slo.yaml"), TRANSACTION + """
                ---
                apiVersion: concord.dev/v1
                kind: SLO
                metadata: {name: o2f}
                spec:
                  transaction: order-to-fulfillment
                  indicator: {availability: {}}
                  objective: 999
                  window: {rolling: 30dd}
                """);
        assertThat(run("rules", "check", rules.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains(rules + ":12:14: error: spec.objective: 999 is outside (0, 100); did you mean 99.9?")
                .contains(rules + ":13:21: error: spec.window.rolling: '30dd' is not a duration")
                .endsWith("(2 errors)\n");
    }

    @Test
    void aPathThatDoesNotExistIsAUsageErrorExitingWithTwo() {
        assertThat(run("rules", "check", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("No such file or directory");
    }

    @Test
    void checkWithoutAPathOrWithAnUnknownOptionExitsWithTwo() {
        assertThat(run("rules", "check")).isEqualTo(2);
        assertThat(run("rules", "explain", "--jsn", SHIPPED)).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter").contains("'--jsn'");
    }

    @Test
    void explainJsonGivesEveryShippedSloItsBurnRates() throws IOException {
        assertThat(run("rules", "explain", "--json", SHIPPED)).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("slos")).hasSize(8);
        JsonNode first = report.get("slos").get(0);
        assertThat(first.get("windows").get(0).get("burnRate").decimalValue()).isEqualByComparingTo("14.4");
    }

    @Test
    void explainAsTextShowsTheWindowTable() {
        assertThat(run("rules", "explain", SHIPPED)).isZero();
        assertThat(out.toString())
                .contains("SLO order-to-fulfillment-availability")
                .contains("43m12s of total failure per 30d")
                .containsPattern("page +1h +5m +14.4 +1.44% +2% +2d2h");
    }

    @Test
    void explainOnInvalidRulesPrintsTheProblemsOnStderrAndExitsWithOne() throws IOException {
        Path rules = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: concord.dev/v1\nkind: SLO\n");
        assertThat(run("rules", "explain", rules.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("missing required field 'metadata'");
    }

    @Test
    void importOpenSloWritesConcordRulesThatCheckClean() throws IOException {
        Path openslo = Files.writeString(dir.resolve("openslo.yaml"), """
                apiVersion: openslo/v1
                kind: Service
                metadata:
                  name: shop
                  annotations: {concord.dev/transaction: order-to-fulfillment}
                spec: {}
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: orders}
                spec:
                  service: shop
                  indicator:
                    metadata: {name: orders-good}
                    spec:
                      ratioMetric:
                        good: {metricSource: {type: Prometheus, spec: {query: good}}}
                        total: {metricSource: {type: Prometheus, spec: {query: total}}}
                  timeWindow: [{duration: 30d, isRolling: true}]
                  budgetingMethod: Occurrences
                  objectives: [{target: 0.999}]
                """);
        Path imported = dir.resolve("imported");
        assertThat(run("rules", "import-openslo", openslo.toString(), "-o", imported.toString()))
                .isZero();
        assertThat(imported.resolve("orders.yaml")).exists();
        Path transactions = Files.writeString(dir.resolve("transactions.yaml"), TRANSACTION);
        out.getBuffer().setLength(0);
        assertThat(run("rules", "check", imported.toString(), transactions.toString()))
                .isZero();
        assertThat(out.toString()).startsWith("valid: 1 transaction, 1 SLO");
    }

    @Test
    void importOpenSloWritesNothingWhenSomethingCannotBeMapped() throws IOException {
        Path openslo = Files.writeString(dir.resolve("openslo.yaml"), """
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: orders}
                spec:
                  service: shop
                  indicatorRef: nowhere
                  timeWindow: [{duration: 30d, isRolling: true}]
                  budgetingMethod: Occurrences
                  objectives: [{target: 0.999}]
                """);
        Path imported = dir.resolve("imported");
        assertThat(run("rules", "import-openslo", openslo.toString(), "-o", imported.toString()))
                .isEqualTo(1);
        assertThat(out.toString())
                .contains("error: spec.service: undefined Service 'shop'")
                .contains("nothing written");
        assertThat(imported).doesNotExist();
    }

    @Test
    void importOpenSloNeedsAnOutputDirectory() {
        assertThat(run("rules", "import-openslo", SHIPPED)).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--out=DIR'");
    }
}
