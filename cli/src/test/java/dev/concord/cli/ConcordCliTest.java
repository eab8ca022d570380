package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConcordCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: concord")
                .contains("demo")
                .contains("rules")
                .contains("ingest")
                .contains("confirm")
                .contains("simulate")
                .contains("scenarios")
                .contains("test")
                .contains("services");
    }

    @Test
    void everyCommandPrintsTheSameVersionAsTheTopLevelOption() {
        assertThat(run("--version")).isZero();
        String version = out.toString();
        assertThat(version).startsWith("concord ");
        java.util.List<java.util.List<String>> commands = new java.util.ArrayList<>();
        collect(ConcordCli.commandLine(), new java.util.ArrayList<>(), commands);
        assertThat(commands).as("every runnable command of the tree").hasSizeGreaterThan(8);
        for (java.util.List<String> path : commands) {
            out.getBuffer().setLength(0);
            java.util.List<String> args = new java.util.ArrayList<>(path);
            args.add("-V");
            assertThat(run(args.toArray(String[]::new))).as("%s -V", path).isZero();
            assertThat(out.toString()).as("%s -V", path).isEqualTo(version);
        }
    }

    /** The paths of the commands that take options of their own (test and services are the launcher's). */
    private static void collect(
            CommandLine command, java.util.List<String> path, java.util.List<java.util.List<String>> into) {
        for (var entry : command.getSubcommands().entrySet()) {
            java.util.List<String> sub = new java.util.ArrayList<>(path);
            sub.add(entry.getKey());
            if (!entry.getValue().getCommandSpec().mixinStandardHelpOptions()) {
                continue;
            }
            into.add(sub);
            collect(entry.getValue(), sub, into);
        }
    }

    @Test
    void anUnknownCommandIsNamedAndExitsWithTwo() {
        assertThat(run("demoo")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unmatched argument at index 0: 'demoo'")
                .contains("demo");
    }

    @Test
    void anUnknownOptionIsNamedAndExitsWithTwo() {
        assertThat(run("demo", "--sed", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("'--sed'").contains("Possible solutions: --seed");
    }

    @Test
    void noCommandAtAllSaysSoAndExitsWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void aParallelismBelowOneIsRejectedBeforeAnythingRuns() {
        assertThat(run("demo", "--parallelism", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--parallelism must be at least 1, got 0");
    }

    @Test
    void theLauncherCommandsPointAtTheLauncherWhenRunFromTheJar() {
        assertThat(run("test")).isEqualTo(2);
        assertThat(err.toString()).contains("./concord test");
    }

    @Test
    void ingestWithoutASinkSaysWhichFlagsGiveOneAndExitsWithTwo() {
        assertThat(run("ingest", "--insecure-no-auth")).isEqualTo(2);
        assertThat(err.toString()).contains("no sink: give --kafka HOST:PORT, --out DIR, or both");
    }

    @Test
    void ingestWithoutTokensOrAnExplicitInsecureFlagRefusesToStart() {
        assertThat(run("ingest", "--out", "target/ingest-out")).isEqualTo(2);
        assertThat(err.toString()).contains("give exactly one of --tokens FILE and --insecure-no-auth");
    }

    @Test
    void ingestWithAMissingTokensFileRefusesToStart() {
        assertThat(run("ingest", "--out", "target/ingest-out", "--tokens", "target/no-such-tokens"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot read tokens file target/no-such-tokens");
    }

    @Test
    void replayNamesItsMissingRequiredOptionsAndExitsWithTwo() {
        assertThat(run("replay", "--out", "target/replay-out")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Missing required options")
                .contains("--input")
                .contains("--rules");
    }

    @Test
    void replayWithInvalidRulesPrintsEveryProblemAndExitsWithOne(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path rules = java.nio.file.Files.writeString(
                dir.resolve("bad.yaml"),
                "apiVersion: concord.dev/v1\nkind: SLO\nmetadata: {name: x}\nspec: {transaction: nope, objective: 999}\n");

        assertThat(run(
                        "replay",
                        "--input",
                        dir.toString(),
                        "--rules",
                        rules.toString(),
                        "--out",
                        dir.resolve("o").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("bad.yaml:4:").contains("did you mean 99.9?");
    }

    @Test
    void ingestWithAYamlConfigNamingAnUnknownKeyRefusesToStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = dir.resolve("ingest.yaml");
        java.nio.file.Files.writeString(config, "insecure-no-auth: true\nout: target/ingest-out\nhttp-prot: 4318\n");

        assertThat(run("ingest", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown keys [http-prot]");
    }

    @Test
    void ingestWithATlsCertificateButNoKeyRefusesToStart() {
        assertThat(run("ingest", "--out", "target/ingest-out", "--insecure-no-auth", "--tls-cert", "pom.xml"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give both --tls-cert and --tls-key, or neither");
    }
}
