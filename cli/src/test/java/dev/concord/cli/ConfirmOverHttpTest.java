package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.decide.ControlChannelTest;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.engine.decide.control.ControlEndpoint;
import dev.concord.engine.decide.control.PendingDecisions;
import dev.concord.ingest.receiver.Authenticator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code concord confirm --url} against the real control endpoint on a loopback port. */
class ConfirmOverHttpTest {

    private static final Instant ENDPOINT_NOW = Instant.parse("2026-01-05T10:31:00Z");
    private static final String PENDING = "erp-database/aws/20260105T102500Z";
    private static final String CONFIRMED = "erp-database/aws/20260105T091000Z";
    private static final String TOKEN = "operator-token-7f3a";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path control;
    private Path tokenFile;
    private ControlEndpoint endpoint;

    @BeforeEach
    void startEndpoint() throws Exception {
        control = dir.resolve("control");
        Path tokens = dir.resolve("tokens.txt");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8));
        Files.writeString(tokens, "alice sha256:" + HexFormat.of().formatHex(hash) + "\n");
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        PendingDecisions decisions = new PendingDecisions();
        decisions.apply(record(PENDING, "PENDING_CONFIRMATION"));
        decisions.apply(record(CONFIRMED, "CONFIRMED"));
        endpoint = ControlEndpoint.start(
                new InetSocketAddress("127.0.0.1", 0),
                Authenticator.fromTokensFile(tokens, Clock.systemUTC(), Duration.ofSeconds(5)),
                control,
                Clock.fixed(ENDPOINT_NOW, ZoneOffset.UTC),
                decisions);
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    private static DecisionRecord record(String id, String state) throws Exception {
        return new ObjectMapper()
                .readValue(
                        "{\"decision_id\":\"" + id + "\",\"policy\":\"erp-database\",\"action\":\"PROMOTE_STANDBY\","
                                + "\"state\":\"" + state
                                + "\",\"event_time\":\"2026-01-05T10:25:00Z\",\"signals\":[],\"vetoes\":[]}",
                        DecisionRecord.class);
    }

    private int run(String... args) {
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + endpoint.port();
    }

    @Test
    void confirmsAPendingDecisionThroughTheEndpointWhichWritesTheControlDirectory() throws Exception {
        int status = run(
                "confirm",
                PENDING,
                "--by",
                "alice",
                "--reason",
                "primary lost",
                "--url",
                url(),
                "--token-file",
                tokenFile.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("confirmation of " + PENDING + " by alice at " + ENDPOINT_NOW);
        assertThat(ControlChannelTest.readAll(control))
                .containsExactly(
                        new OperatorConfirmation(PENDING, "alice", "primary lost", ENDPOINT_NOW.toEpochMilli()));
    }

    @Test
    void aWrongTokenIsRefusedAndNeverShown() throws Exception {
        Files.writeString(tokenFile, "guessed-token\n");

        int status = run("confirm", PENDING, "--by", "alice", "--url", url(), "--token-file", tokenFile.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("the endpoint refused the token").doesNotContain("guessed-token");
        assertThat(Files.exists(control)).isFalse();
    }

    @Test
    void aDecisionNoLongerPendingIsAConflict() {
        int status = run("confirm", CONFIRMED, "--by", "alice", "--url", url(), "--token-file", tokenFile.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("decision " + CONFIRMED + " is CONFIRMED, not pending confirmation");
    }

    @Test
    void anUnknownDecisionIsNotFound() {
        String unknown = "erp-database/gcp/20260105T102500Z";

        int status = run("confirm", unknown, "--by", "alice", "--url", url(), "--token-file", tokenFile.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("the job has no decision " + unknown);
    }

    @Test
    void aUrlNeedsATokenFileAndTakesNoTime() {
        assertThat(run("confirm", PENDING, "--by", "alice", "--url", url())).isEqualTo(2);
        assertThat(err.toString()).contains("--url needs --token-file");
        assertThat(run(
                        "confirm",
                        PENDING,
                        "--by",
                        "alice",
                        "--url",
                        url(),
                        "--token-file",
                        tokenFile.toString(),
                        "--at",
                        "2026-01-05T10:30:00Z"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--at cannot go with --url");
    }
}
