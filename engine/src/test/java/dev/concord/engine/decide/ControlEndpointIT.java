package dev.concord.engine.decide;

import static dev.concord.engine.decide.DecisionScenario.MINUTE;
import static dev.concord.engine.decide.DecisionScenario.ONSET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.Engine;
import dev.concord.engine.decide.control.ControlEndpointSink;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators confirm over HTTP while the decision job runs: real requests against the endpoint the job hosts, a
 * live control stream, telemetry paced so that event time moves about a minute per second and a decision stays
 * pending long enough to be confirmed.
 */
class ControlEndpointIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(4)
                    .build());

    private static final String TOKEN = "s3cret-operator-token";
    private static final String POLICY = "erp-database";
    /** The scenario's metrics, about 50 per minute of event time: this many per second paces a minute per second. */
    private static final double METRICS_PER_SECOND = 40;

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path control;
    private Path decisions;
    private Path tokens;
    private int port;
    private JobClient job;

    @BeforeEach
    void files() throws Exception {
        control = Files.createDirectories(out.resolve("control"));
        decisions = out.resolve("decisions");
        tokens = out.resolve("tokens.txt");
        byte[] hash =
                MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(tokens, "alice sha256:" + HexFormat.of().formatHex(hash) + "\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void cancel() throws Exception {
        if (job != null) {
            job.cancel().get();
            // the temporary directories go after this: the job must have let go of them
            while (!job.getJobStatus().get().isGloballyTerminalState()) {
                Thread.sleep(100);
            }
        }
    }

    @Test
    void anAuthenticatedConfirmationOfAPendingDecisionIsRecordedAsConfirmed() throws Exception {
        // the endpoint's clock stands ten minutes after the outage began, a few minutes after the decision opened
        start(DecisionSettings.defaults(), clockAt(ONSET.plus(Duration.ofMinutes(10))));
        String id = awaitPending();

        assertThat(post(id, "{\"by\":\"alice\"}", null).statusCode()).isEqualTo(401);
        assertThat(post(id, "{\"by\":\"alice\"}", "not-the-token").statusCode()).isEqualTo(401);
        assertThat(post(POLICY + "/aws/20260105T000000Z", "{\"by\":\"alice\"}", TOKEN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(post(id, "{\"reason\":\"no name\"}", TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = post(id, "{\"by\":\"alice\",\"reason\":\"primary lost\"}", TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        DecisionRecord confirmed = awaitRecord(r -> r.decisionId().equals(id) && r.state() == DecisionState.CONFIRMED);
        assertThat(confirmed.confirmation().by()).isEqualTo("alice");
        assertThat(confirmed.confirmation().reason()).isEqualTo("primary lost");
        assertThat(Instant.parse(confirmed.confirmation().at()))
                .isBetween(ONSET.plus(Duration.ofMinutes(10)), ONSET.plus(Duration.ofMinutes(15)));

        // once confirmed, the decision is no longer pending: a second confirmation is a conflict
        HttpResponse<String> again = awaitStatus(id, 409);
        assertThat(JSON.readTree(again.body()).path("state").asText()).isNotEqualTo("PENDING_CONFIRMATION");
    }

    @Test
    void aConfirmationGivenAfterTheDecisionExpiredLeavesItExpired() throws Exception {
        DecisionSettings settings = DecisionSettings.builder()
                .confirmationTimeout(Duration.ofMinutes(4))
                .build();
        // the endpoint's clock stands well after the four minutes the decision waits for a confirmation
        start(settings, clockAt(ONSET.plus(Duration.ofMinutes(25))));
        String id = awaitPending();

        assertThat(post(id, "{\"by\":\"alice\"}", TOKEN).statusCode()).isEqualTo(202);

        awaitRecord(r -> r.decisionId().equals(id) && r.state() == DecisionState.EXPIRED);
        HttpResponse<String> late = awaitStatus(id, 409);
        assertThat(JSON.readTree(late.body()).path("state").asText()).isEqualTo("EXPIRED");
        assertThat(recordsSoFar())
                .filteredOn(r -> r.decisionId().equals(id))
                .extracting(DecisionRecord::state)
                .doesNotContain(DecisionState.CONFIRMED);
    }

    private static Clock clockAt(Instant at) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at));
    }

    /** The ERP database fails for 20 minutes from ONSET; only the metrics after it is near are paced. */
    private void start(DecisionSettings settings, Clock clock) throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(20);
        scenario.lagSeconds = 60;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        ExecutionConfig config = env.getConfig();
        long pacedFrom = ONSET.toEpochMilli() - 3 * MINUTE;
        List<MetricSample> history = scenario.metrics().stream()
                .filter(m -> m.timeUnixNano() / 1_000_000L < pacedFrom)
                .toList();
        List<MetricSample> live = scenario.metrics().stream()
                .filter(m -> m.timeUnixNano() / 1_000_000L >= pacedFrom)
                .toList();
        DataStream<MetricSample> metrics = stream(env, history, MetricSample.class, config, "history", null)
                .union(stream(env, live, MetricSample.class, config, "live", METRICS_PER_SECOND));
        DataStream<OperatorConfirmation> confirmations = env.fromSource(
                        ControlChannel.source(control, Duration.ofMillis(200)),
                        ControlChannel.watermarks(),
                        "control",
                        TypeInformation.of(OperatorConfirmation.class))
                .uid("control");
        DataStream<DecisionRecord> records = DecisionWiring.wire(
                new DecisionWiring.Inputs(
                        stream(env, scenario.alerts(), SloAlert.class, config, "alerts", null),
                        stream(env, scenario.probes(), ProbeResult.class, config, "probes", null),
                        metrics,
                        null,
                        stream(env, scenario.spans(), Span.class, config, "spans", null),
                        confirmations),
                DecisionScenario.SHIPPED,
                settings);
        records.sinkTo(new JsonLinesSink<>(decisions)).uid("decisions").name("decisions");
        DecisionWiring.serveConfirmations(records, new ControlEndpointSink("127.0.0.1", port, tokens, control, clock));
        job = env.executeAsync("control-endpoint-it");
    }

    /**
     * A source of the elements in time order, paced at {@code perSecond} on one subtask or else all at once; null
     * (no such telemetry) when there are none.
     */
    private static <T> DataStream<T> stream(
            StreamExecutionEnvironment env,
            List<T> elements,
            Class<T> type,
            ExecutionConfig config,
            String uid,
            Double perSecond) {
        if (elements.isEmpty()) {
            return null;
        }
        TypeInformation<T> info = TypeInformation.of(type);
        FromElementsGeneratorFunction<T> generator = new FromElementsGeneratorFunction<>(info, config, elements);
        DataGeneratorSource<T> source = perSecond == null
                ? new DataGeneratorSource<>(generator, elements.size(), info)
                : new DataGeneratorSource<>(generator, elements.size(), RateLimiterStrategy.perSecond(perSecond), info);
        WatermarkStrategy<T> watermarks = WatermarkStrategy.<T>forBoundedOutOfOrderness(
                        DecisionSettings.OUT_OF_ORDERNESS)
                .withTimestampAssigner((element, previous) -> timeOf(element));
        SingleOutputStreamOperator<T> stream =
                env.fromSource(source, watermarks, uid, info).uid(uid);
        // one subtask walks the timeline in order; two would each hold half of it
        return perSecond == null ? stream : stream.setParallelism(1);
    }

    private static long timeOf(Object element) {
        if (element instanceof SloAlert a) {
            return a.eventTimeMillis();
        } else if (element instanceof ProbeResult p) {
            return p.timeUnixNano() / 1_000_000L;
        } else if (element instanceof MetricSample m) {
            return m.timeUnixNano() / 1_000_000L;
        } else if (element instanceof Span s) {
            return s.endEpochMillis();
        }
        throw new IllegalArgumentException("no event time for " + element);
    }

    private String awaitPending() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            assertJobRunning();
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/decisions"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    for (JsonNode pending : JSON.readTree(response.body()).path("pending")) {
                        if (pending.path("policy").asText().equals(POLICY)) {
                            return pending.path("decision_id").asText();
                        }
                    }
                }
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + POLICY + " decision pending within " + WAIT + "; last answer: " + last);
    }

    private void assertJobRunning() throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            job.getJobExecutionResult().get();
            throw new AssertionError("the job ended: " + job.getJobStatus().get());
        }
    }

    private DecisionRecord awaitRecord(Predicate<DecisionRecord> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertJobRunning();
            try {
                for (DecisionRecord record : recordsSoFar()) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            } catch (IOException halfWrittenLine) {
                // the sink flushes at checkpoints; a line may be caught in the middle
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the wanted decision record did not appear within " + WAIT + ": " + recordsSoFar());
    }

    private List<DecisionRecord> recordsSoFar() throws IOException {
        return Files.isDirectory(decisions) ? JsonLines.read(decisions, DecisionRecord.class) : List.of();
    }

    /** The endpoint learns of a transition a moment after the record leaves the evaluator. */
    private HttpResponse<String> awaitStatus(String id, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = post(id, "{\"by\":\"alice\"}", TOKEN);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = post(id, "{\"by\":\"alice\"}", TOKEN);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private HttpResponse<String> post(String id, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/decisions/" + id + "/confirm"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
