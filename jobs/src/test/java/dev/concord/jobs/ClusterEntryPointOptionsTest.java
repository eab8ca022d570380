package dev.concord.jobs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.services.CommandLineTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options fail the submission, before a job is built, with a message naming the option. */
class ClusterEntryPointOptionsTest {

    private static final String RULES =
            CommandLineTools.repoRoot().resolve("slo-rules/rules").toString();

    @Test
    void anUnknownOptionOrAMissingValueIsNamed() {
        assertThatThrownBy(() -> ClusterEntryPoint.main(new String[] {"--job", "pipeline", "--kafak", "x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown option")
                .hasMessageContaining("'--kafak'");
        assertThatThrownBy(() -> ClusterEntryPoint.main(new String[] {"--out", "/tmp/x", "--job"}))
                .hasMessageStartingWith("Missing required parameter for option '--job'");
        assertThatThrownBy(() -> ClusterEntryPoint.main(new String[] {"--out", "/tmp/x", "--out", "/tmp/y"}))
                .hasMessageContaining("'--out'")
                .hasMessageContaining("only once");
        assertThatThrownBy(() -> ClusterEntryPoint.main(new String[] {"--out", "/tmp/x", "--job", "decide"}))
                .hasMessage("--job must be pipeline or slo, got decide");
    }

    @Test
    void thePipelineNeedsKafkaRulesAndAnOutputDirectory() {
        assertThatThrownBy(() -> run("--job", "pipeline", "--rules", RULES, "--out", "/tmp/x"))
                .hasMessage("--kafka is required");
        assertThatThrownBy(() -> run("--job", "pipeline", "--kafka", "k:9092", "--out", "/tmp/x"))
                .hasMessage("--rules is required");
        assertThatThrownBy(() -> run("--job", "pipeline", "--kafka", "k:9092", "--rules", RULES))
                .hasMessage("--out is required");
    }

    @Test
    void invalidRulesFailWithTheCheckReport(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: concord.dev/v1\nkind: SLO\n");
        assertThatThrownBy(() -> pipeline("--rules", rules.toString()))
                .hasMessageStartingWith("invalid rules in " + rules);
    }

    @Test
    void portsAreChecked(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "");
        assertThatThrownBy(() -> pipeline("--rules", RULES, "--prometheus-port", "70000"))
                .hasMessage("--prometheus-port must be a port number from 1 to 65535, got 70000");
        assertThatThrownBy(
                        () -> pipeline("--rules", RULES, "--control-port", "x", "--control-tokens", tokens.toString()))
                .hasMessage("--control-port must be a port number from 1 to 65535, got x");
        assertThatThrownBy(() -> pipeline("--rules", RULES, "--control-port", "9500"))
                .hasMessage("--control-tokens is required");
        assertThatThrownBy(() -> pipeline(
                        "--rules",
                        RULES,
                        "--control-port",
                        "9500",
                        "--control-tokens",
                        dir.resolve("none").toString()))
                .hasMessage("--control-tokens: no such file: " + dir.resolve("none"));
    }

    @Test
    void aBoundedRunServesNoConfirmations(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "");
        assertThatThrownBy(() -> pipeline(
                        "--rules", RULES, "--bounded", "--control-port", "9500", "--control-tokens", tokens.toString()))
                .hasMessageStartingWith("--control-port needs a job that keeps running");
    }

    @Test
    void theSloJobTakesNoDecisionOptionsAndThePipelineNoSingleTopic() {
        assertThatThrownBy(() -> run(
                        "--job", "slo", "--kafka", "k:9092", "--rules", RULES, "--out", "/tmp/x", "--logs-topic", "l"))
                .hasMessage("--logs-topic is for --job pipeline, not --job slo");
        assertThatThrownBy(() -> pipeline("--rules", RULES, "--topic", "t"))
                .hasMessageStartingWith("--job pipeline names its topics with --spans-topic");
    }

    private static void pipeline(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--job", "pipeline", "--kafka", "k:9092", "--out", "/tmp/x"));
        args.addAll(List.of(more));
        run(args.toArray(String[]::new));
    }

    private static void run(String... args) throws Exception {
        ClusterEntryPoint.main(args);
    }
}
