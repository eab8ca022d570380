package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionTexts;
import dev.concord.engine.testing.PrivateAlertmanager;
import dev.concord.jobs.replay.Replay;
import dev.concord.outputs.Conventions;
import dev.concord.outputs.alertmanager.DecisionAlerts;
import dev.concord.outputs.elasticsearch.ElasticsearchClients;
import dev.concord.outputs.elasticsearch.ElasticsearchConfig;
import dev.concord.outputs.elasticsearch.IndexTemplates;
import dev.concord.services.CommandLineTools;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code concord replay} over a simulated primary warehouse outage with every output on: the metrics exporter on the
 * port the real Prometheus scrapes, a per-run index prefix in the real Elasticsearch, and a real Alertmanager running
 * the shipped routing. The replay runs three times: cut during the outage (alerts still active, so inhibition can be
 * seen), over the whole recording (everything resolved), and over the whole recording again (no new documents).
 */
@RequiresServices({Service.PROMETHEUS, Service.ELASTICSEARCH})
class ReplayOutputsIT {

    /** The port local-services/prometheus/prometheus.yml scrapes as job concord-test-target. */
    private static final int SCRAPE_PORT = 19400;

    private static final Duration PORT_WAIT = Duration.ofSeconds(180);
    private static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIX =
            "concord-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** primary-warehouse-outage, shortened: warehouse-api down in aws us-east-1 from minute 20 to 40 of 70. */
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private static final Instant DURING_OUTAGE = START.plus(Duration.ofMinutes(32));

    private static Path recording;
    private static Path cut;
    private static Path whole;
    private static Path again;
    private static PrivateAlertmanager alertmanager;
    private static List<JsonNode> alertsDuringTheOutage;
    private static ElasticsearchClient elasticsearch;
    private static String elasticsearchUrl;
    private static String prometheusUrl;
    private static Instant scraped;
    private static long decisionDocuments;
    private static long sloDocuments;
    private static long transactionDocuments;

    @BeforeAll
    static void replay(ServiceEndpoints endpoints, @TempDir Path dir) throws Exception {
        prometheusUrl = endpoints.prometheusUrl();
        elasticsearchUrl = endpoints.elasticsearchUrl();
        elasticsearch = ElasticsearchClients.create(ElasticsearchConfig.builder()
                .host(elasticsearchUrl)
                .indexPrefix(PREFIX)
                .build());
        alertmanager = PrivateAlertmanager.start(dir.resolve("alertmanager"));
        recording = simulate(dir);
        cut = dir.resolve("cut");
        whole = dir.resolve("whole");
        again = dir.resolve("again");

        replay(cut, "off", "--to", DURING_OUTAGE.toString());
        alertsDuringTheOutage = alertmanager.alerts("alertname=~\".+\"");

        awaitFreePort();
        Instant started = Instant.now();
        replay(whole, Integer.toString(SCRAPE_PORT));
        // the exporter served until two scrapes after the end of input: the last scrape holds the final values
        scraped = lastScrape(started);
        refresh();
        decisionDocuments = count("decisions");
        sloDocuments = count("slo-*");
        transactionDocuments = count("transactions-*");

        replay(again, "off");
        refresh();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (elasticsearch != null) {
            elasticsearch.indices().delete(d -> d.index(PREFIX + "*").allowNoIndices(true));
            for (String name : IndexTemplates.NAMES) {
                elasticsearch.indices().deleteIndexTemplate(d -> d.name(PREFIX + name));
            }
            elasticsearch._transport().close();
        }
    }

    @Test
    void prometheusHoldsTheStateOfEveryPolicysLatestDecisionItsTransitionsAndOneVerdictPerFamily() throws Exception {
        List<DecisionRecord> records = decisions(whole);
        assertThat(records).as("the outage leads to decisions").isNotEmpty();

        Map<String, DecisionRecord> latest = new TreeMap<>();
        records.forEach(r -> latest.put(r.policy() + "|" + DecisionTexts.scope(r.scope()), r));
        List<JsonNode> current = query(Conventions.Metrics.FAILOVER_DECISION_STATE + " == 1");
        assertThat(current)
                .extracting(s -> s.at("/metric/policy").asText() + "|"
                        + s.at("/metric/scope").asText() + " "
                        + s.at("/metric/action").asText() + " "
                        + s.at("/metric/state").asText())
                .containsExactlyInAnyOrderElementsOf(latest.values().stream()
                        .map(r -> r.policy() + "|" + DecisionTexts.scope(r.scope()) + " "
                                + lower(r.action().name()) + " "
                                + lower(r.state().name()))
                        .toList());

        Map<String, Long> transitions = records.stream()
                .collect(Collectors.groupingBy(
                        r -> r.policy() + " " + lower(r.state().name()), Collectors.counting()));
        List<JsonNode> counted = query("sum by (policy, state) (" + Conventions.Metrics.FAILOVER_DECISIONS + "_total)");
        assertThat(counted.stream()
                        .collect(Collectors.toMap(
                                s -> s.at("/metric/policy").asText() + " "
                                        + s.at("/metric/state").asText(),
                                s -> (long) value(s))))
                .isEqualTo(transitions);

        List<JsonNode> cells = query("sum by (policy, cloud, family) (" + Conventions.Metrics.SIGNAL_VERDICT + ")");
        assertThat(cells)
                .isNotEmpty()
                .allSatisfy(cell -> assertThat(value(cell))
                        .as("one verdict at a time per cell: %s", cell)
                        .isEqualTo(1.0));
        for (DecisionRecord r : latest.values()) {
            assertThat(cells)
                    .extracting(c -> c.at("/metric/policy").asText() + " "
                            + c.at("/metric/cloud").asText())
                    .contains(r.policy() + " " + r.from(), r.policy() + " " + r.to());
        }

        assertThat(query("count by (__name__, policy, domain, action, scope, state, cloud, family, verdict)"
                        + " ({__name__=~\"concord_(failover|signal)_.+\", job=\"concord-test-target\"}) > 1"))
                .as("every series once")
                .isEmpty();
    }

    @Test
    void elasticsearchHoldsEveryDecisionTransitionOnceEvenAfterTheSameReplayAgain() throws Exception {
        List<DecisionRecord> records = decisions(whole);

        assertThat(decisionDocuments).isEqualTo(records.size());
        assertThat(count("decisions")).isEqualTo(decisionDocuments);
        assertThat(count("slo-*")).isEqualTo(sloDocuments).isEqualTo(lines(whole.resolve(Replay.SLO)));
        assertThat(count("transactions-*"))
                .isEqualTo(transactionDocuments)
                .isEqualTo(lines(whole.resolve(Replay.TRANSACTIONS)));

        DecisionRecord first = records.get(0);
        SearchResponse<JsonNode> hit = elasticsearch.search(
                s -> s.index(PREFIX + "decisions")
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("decision_id").value(first.decisionId())))
                                .filter(f -> f.term(t ->
                                        t.field("state").value(first.state().name()))))),
                JsonNode.class);
        assertThat(hit.hits().hits()).hasSize(1);
        JsonNode doc = hit.hits().hits().get(0).source();
        assertThat(doc.at("/signals")).hasSize(first.signals().size());
        assertThat(doc.at("/evidence").asText()).contains(first.signals().get(0).family());
        assertThat(doc.at("/scope/cloud").asText()).isEqualTo(first.scope().cloud());
        assertThat(doc.at("/quorum/required").asInt()).isEqualTo(first.quorum().required());
    }

    @Test
    void alertmanagerHoldsAnAlertForEveryOpenDecisionRoutedBySeverityBesideTheSloPages() throws Exception {
        Map<String, DecisionRecord> open = new TreeMap<>();
        for (DecisionRecord r : decisions(cut)) {
            if (DecisionAlerts.ends(r)) {
                open.remove(DecisionAlerts.key(r));
            } else {
                open.put(DecisionAlerts.key(r), r);
            }
        }
        assertThat(open).as("decisions open during the outage").isNotEmpty();
        for (DecisionRecord r : open.values()) {
            String alertname = DecisionAlerts.alertname(r);
            List<JsonNode> held = alertsDuringTheOutage.stream()
                    .filter(a -> a.at("/labels/alertname").asText().equals(alertname))
                    .filter(a -> a.at("/labels/policy").asText().equals(r.policy()))
                    .toList();
            assertThat(held)
                    .as("%s for %s in %s", alertname, r.policy(), alertsDuringTheOutage)
                    .hasSize(1);
            JsonNode alert = held.get(0);
            String severity = DecisionAlerts.severity(alertname);
            assertThat(alert.at("/labels/severity").asText()).isEqualTo(severity);
            assertThat(alert.at("/receivers/0/name").asText())
                    .isEqualTo(severity.equals("page") ? "on-call" : "ticket");
            assertThat(alert.at("/annotations/decision_id").asText()).isEqualTo(r.decisionId());
            assertThat(alert.at("/annotations/evidence").asText())
                    .contains(r.signals().get(0).family());
            assertThat(alert.at("/startsAt").asText()).startsWith(r.eventTime().replace("Z", ""));
            String path = severity.equals("page") ? "/page" : "/ticket";
            alertmanager.awaitNotified(
                    path,
                    a -> a.at("/labels/alertname").asText().equals(alertname)
                            && a.at("/labels/policy").asText().equals(r.policy()),
                    NOTIFICATION_TIMEOUT);
        }
        assertThat(alertsDuringTheOutage)
                .filteredOn(a -> a.at("/labels/alertname").asText().equals("SloBurnRateHigh"))
                .filteredOn(a -> a.at("/labels/severity").asText().equals("page"))
                .as("the outage pages for aws, and only for aws")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.at("/labels/cloud").asText()).isEqualTo("aws"));
    }

    @Test
    void everyPanelQueryOfEveryDashboardReturnsDataFromPrometheusOrElasticsearch() throws Exception {
        Map<String, String> esIndexOf = elasticsearchDatasources();
        List<String> empty = new ArrayList<>();
        int prometheusQueries = 0;
        int elasticsearchQueries = 0;
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            List<JsonNode> targets = new ArrayList<>();
            collectTargets(dashboard.get("panels"), targets);
            dashboard.at("/templating/list").forEach(v -> {
                if (v.at("/datasource/type").asText().equals("elasticsearch")) {
                    targets.add(v);
                }
            });
            for (JsonNode target : targets) {
                String where = file.getFileName() + " "
                        + target.path("refId").asText(target.path("name").asText());
                if (target.has("expr")) {
                    prometheusQueries++;
                    if (query(variables(target.get("expr").asText())).isEmpty()) {
                        empty.add(where + ": " + target.get("expr").asText());
                    }
                } else if (target.at("/datasource/type").asText().equals("elasticsearch")) {
                    elasticsearchQueries++;
                    String index = esIndexOf.get(target.at("/datasource/uid").asText());
                    String problem = runElasticsearch(index, target);
                    if (problem != null) {
                        empty.add(where + ": " + problem);
                    }
                }
            }
        }
        assertThat(prometheusQueries).isGreaterThan(30);
        assertThat(elasticsearchQueries).isGreaterThanOrEqualTo(3);
        assertThat(empty).isEmpty();
    }

    private static String variables(String expr) {
        return expr.replace("$__rate_interval", "1m")
                .replace("$__range", "2h")
                .replace("$slo", "order-to-fulfillment-availability")
                .replace("$transaction", "order-to-fulfillment")
                .replace("$job", "concord-test-target")
                .replaceAll("\\$\\{?\\w+(:\\w+)?}?", ".*");
    }

    /** The target's Lucene query with its aggregations on the index; null when it finds data, else what is empty. */
    private static String runElasticsearch(String index, JsonNode target) throws IOException {
        String lucene = target.has("query") && target.get("query").isTextual()
                ? target.get("query").asText().replaceAll("\\$\\{\\w+(:\\w+)?}|\\$\\w+", "*")
                : "*";
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        List<String> fields = new ArrayList<>();
        target.path("bucketAggs")
                .forEach(agg -> fields.add(
                        agg.get("type").asText() + ":" + agg.get("field").asText()));
        if (target.has("query")
                && target.get("query").isTextual()
                && target.get("query").asText().startsWith("{")) {
            // a template variable: {"find": "terms", "field": ...}
            JsonNode find = JSON.readTree(target.get("query").asText());
            fields.add("terms:" + find.get("field").asText());
            lucene = "*";
        }
        for (String field : fields) {
            String[] kind = field.split(":", 2);
            aggregations.put(
                    field,
                    kind[0].equals("date_histogram")
                            ? Aggregation.of(a -> a.dateHistogram(h -> h.field(kind[1])
                                    .calendarInterval(CalendarInterval.Minute)
                                    .minDocCount(1)))
                            : Aggregation.of(a -> a.terms(t -> t.field(kind[1]))));
        }
        String query = lucene;
        SearchResponse<JsonNode> response = elasticsearch.search(
                s -> s.index(index)
                        .size(1)
                        .query(q -> q.queryString(qs -> qs.query(query)))
                        .aggregations(aggregations),
                JsonNode.class);
        if (response.hits().total().value() == 0) {
            return "no document in " + index + " matches " + query;
        }
        for (String field : fields) {
            var result = response.aggregations().get(field);
            boolean none = result.isDateHistogram()
                    ? result.dateHistogram().buckets().array().isEmpty()
                    : result.sterms().buckets().array().isEmpty();
            if (none) {
                return "no " + field + " buckets in " + index;
            }
        }
        return null;
    }

    /** Datasource uid → the index its documents are in, with this run's prefix. */
    private static Map<String, String> elasticsearchDatasources() throws IOException {
        String yaml = Files.readString(
                CommandLineTools.repoRoot().resolve("deploy/grafana/provisioning/datasources/concord.yaml"));
        Map<String, String> indices = new HashMap<>();
        String uid = null;
        for (String line : yaml.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("uid:")) {
                uid = trimmed.substring(4).strip();
            } else if (trimmed.startsWith("index:") && uid != null) {
                indices.put(uid, trimmed.substring(6).strip().replaceFirst("^concord-", PREFIX));
            }
        }
        return indices;
    }

    private static void collectTargets(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(into::add);
            collectTargets(panel.path("panels"), into);
        }
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(CommandLineTools.repoRoot().resolve("deploy/grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Path simulate(Path dir) throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        String library = Files.readString(
                CommandLineTools.repoRoot().resolve("simulator/scenarios/primary-warehouse-outage.yaml"));
        Files.writeString(
                scenarios.resolve("primary-warehouse-outage.yaml"),
                library.replace("duration: 2h", "duration: 70m")
                        .replace("start: 45m", "start: 20m")
                        .replace("end: 75m", "end: 40m"));
        Path out = dir.resolve("recording");
        run(
                "simulate",
                "--scenario",
                "primary-warehouse-outage",
                "--scenarios",
                scenarios.toString(),
                "--out",
                out.toString());
        return out;
    }

    private static void replay(Path out, String prometheusPort, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "replay",
                "--input",
                recording.toString(),
                "--rules",
                CommandLineTools.repoRoot().resolve("slo-rules/rules").toString(),
                "--out",
                out.toString(),
                "--prometheus-port",
                prometheusPort,
                "--elasticsearch",
                elasticsearchUrl,
                "--elasticsearch-index-prefix",
                PREFIX,
                "--alertmanager",
                alertmanager.url()));
        args.addAll(List.of(more));
        String output = run(args.toArray(String[]::new));
        if (!prometheusPort.equals("off")) {
            assertThat(output).contains("Metrics on http://127.0.0.1:" + prometheusPort + "/metrics");
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ConcordCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        assertThat(exit).as("%s%n%s", out, err).isZero();
        assertThat(err.toString()).doesNotContain("busy");
        return out.toString();
    }

    /** Another test may be serving on the scrape port: wait for it to finish rather than lose the metrics. */
    private static void awaitFreePort() throws Exception {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            try (ServerSocket probe = new ServerSocket(SCRAPE_PORT)) {
                return;
            } catch (IOException busy) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + SCRAPE_PORT + " stayed busy for " + PORT_WAIT, busy);
                }
                Thread.sleep(500);
            }
        }
    }

    private static List<DecisionRecord> decisions(Path out) throws IOException {
        List<DecisionRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(Replay.DECISIONS))) {
            if (!line.isBlank()) {
                records.add(JSON.readValue(line, DecisionRecord.class));
            }
        }
        return records;
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static void refresh() throws IOException {
        elasticsearch.indices().refresh(r -> r.index(PREFIX + "*"));
    }

    private static long count(String pattern) throws IOException {
        return elasticsearch.count(c -> c.index(PREFIX + pattern)).count();
    }

    /** When Prometheus last scraped the exporter of this run (only one process can hold the port at a time). */
    private static Instant lastScrape(Instant since) throws Exception {
        String url = prometheusUrl + "/api/v1/query?query="
                + URLEncoder.encode(
                        Conventions.Metrics.EXPORTER_SCRAPES + "_total{job=\"concord-test-target\"}[10m]",
                        StandardCharsets.UTF_8);
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode values = JSON.readTree(response.body()).at("/data/result/0/values");
        assertThat(values.size()).as(response.body()).isPositive();
        double last = values.get(values.size() - 1).get(0).asDouble();
        Instant at = Instant.ofEpochMilli(Math.round(last * 1000));
        assertThat(at).as("scraped during this run").isAfter(since);
        return at;
    }

    private static List<JsonNode> query(String promql) throws Exception {
        String url = prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + scraped.getEpochSecond() + "." + String.format("%03d", scraped.getNano() / 1_000_000);
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> result = new ArrayList<>();
        JSON.readTree(response.body()).at("/data/result").forEach(result::add);
        return result;
    }

    private static double value(JsonNode sample) {
        return Double.parseDouble(sample.at("/value/1").asText());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
