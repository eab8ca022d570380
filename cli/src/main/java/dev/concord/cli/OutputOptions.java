package dev.concord.cli;

import dev.concord.outputs.ExternalOutputs;
import dev.concord.outputs.alertmanager.AlertmanagerConfig;
import dev.concord.outputs.elasticsearch.ElasticsearchConfig;
import dev.concord.outputs.prometheus.PrometheusExporterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The outputs besides JSON lines, shared by the commands that run the pipeline ({@code @Mixin OutputOptions}):
 * Prometheus on by default, Elasticsearch and Alertmanager when given a URL.
 */
final class OutputOptions {

    static final int DEFAULT_PROMETHEUS_PORT = 9464;
    /** After a bounded run, how long the exporter keeps serving for a scraper to fetch the final values. */
    static final Duration FINAL_SCRAPE_WAIT = Duration.ofSeconds(30);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--prometheus-port",
            paramLabel = "PORT",
            defaultValue = "" + DEFAULT_PROMETHEUS_PORT,
            description = "Serve the metrics on http://0.0.0.0:PORT/metrics while the run lasts (and, when something"
                    + " scraped during the run, until it scraped the final values); 0 or off for none; a busy port"
                    + " turns the metrics off with a warning (default: ${DEFAULT-VALUE}).")
    private String prometheusPort;

    @Option(
            names = "--elasticsearch",
            paramLabel = "URL",
            description = "Also index transactions, SLO snapshots and decisions into this Elasticsearch"
                    + " (concord-transactions-*, concord-slo-*, concord-decisions).")
    private String elasticsearch;

    @Option(
            names = "--elasticsearch-index-prefix",
            paramLabel = "PREFIX",
            defaultValue = ElasticsearchConfig.DEFAULT_INDEX_PREFIX,
            description = "Prefix of the index and template names, so several deployments share a cluster"
                    + " (default: ${DEFAULT-VALUE}).")
    private String indexPrefix;

    @Option(
            names = "--alertmanager",
            paramLabel = "URL",
            description = "Also send SLO burn-rate alerts and failover decisions to this Alertmanager.")
    private String alertmanager;

    /** The outputs the options ask for; a malformed value is a usage error. */
    ExternalOutputs outputs() {
        try {
            return new ExternalOutputs(prometheus(), elasticsearchConfig(), alertmanagerConfig());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** One line per output that is on, for the command to print before it runs. */
    void describe(ExternalOutputs outputs, PrintWriter out) {
        if (outputs.prometheus() != null) {
            out.printf(
                    "Metrics on http://127.0.0.1:%d/metrics%n",
                    outputs.prometheus().port());
        }
        if (outputs.elasticsearch() != null) {
            out.printf(
                    "Indexing into %s%n",
                    String.join(", ", outputs.elasticsearch().hosts()));
        }
        if (outputs.alertmanager() != null) {
            out.printf(
                    "Alerting to %s%n", String.join(", ", outputs.alertmanager().urls()));
        }
    }

    private PrometheusExporterConfig prometheus() {
        String value = prometheusPort.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.equals("0")) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--prometheus-port must be a port number, 0 or off: " + prometheusPort);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--prometheus-port must be 1-65535, 0 or off: " + prometheusPort);
        }
        if (!free(port)) {
            spec.commandLine()
                    .getErr()
                    .printf("Port %d is busy: no metrics this run (choose another with --prometheus-port)%n", port);
            return null;
        }
        // optional as well: the port may be taken between this check and the exporter's start
        return new PrometheusExporterConfig(
                PrometheusExporterConfig.DEFAULT_HOST, port, 2, FINAL_SCRAPE_WAIT, Duration.ZERO, true);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ElasticsearchConfig elasticsearchConfig() {
        return elasticsearch == null
                ? null
                : ElasticsearchConfig.builder()
                        .host(elasticsearch)
                        .indexPrefix(indexPrefix)
                        .build();
    }

    private AlertmanagerConfig alertmanagerConfig() {
        return alertmanager == null
                ? null
                : AlertmanagerConfig.builder().url(alertmanager).build();
    }
}
