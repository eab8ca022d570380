package dev.concord.localservices.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one real Elasticsearch node in this JVM until SIGTERM, for Concord's tests and development.
 *
 * <p>Usage: {@code ElasticsearchNodeLauncher <home> <httpPort> <transportPort>}. Data stays under {@code <home>/data}
 * across restarts.
 */
public final class ElasticsearchNodeLauncher {

    private static final String CLUSTER_NAME = "concord-local";
    private static final String NODE_NAME = "concord-local-node";

    private ElasticsearchNodeLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ElasticsearchNodeLauncher <home> <httpPort> <transportPort>");
            System.exit(2);
        }
        long startNanos = System.nanoTime();
        Path home = Path.of(args[0]).toAbsolutePath();
        String httpPort = args[1];
        String transportPort = args[2];
        for (String dir : List.of("config", "data", "logs")) {
            Files.createDirectories(home.resolve(dir));
        }
        writeLogConfiguration(home.resolve("config/log4j2.properties"));

        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", CLUSTER_NAME)
                .put("node.name", NODE_NAME)
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                // a developer's nearly full disk must not turn every index read-only
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", true)
                // lets test clean-up delete by wildcard; this node never holds anything worth protecting
                .put("action.destructive_requires_name", false)
                // no xpack.* settings: without the x-pack modules they stop the node at startup
                .build();

        LogConfigurator.registerErrorListener();
        LogConfigurator.setClusterName(CLUSTER_NAME);
        LogConfigurator.setNodeName(NODE_NAME);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), home.resolve("config"), () -> NODE_NAME);
        LogConfigurator.configure(environment, true);

        Node node = new ClasspathPluginNode(environment, List.of(Netty4Plugin.class, RootInfoPlugin.class));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> closeNode(node, closed), "concord-elasticsearch-shutdown"));
        try {
            node.start();
        } catch (RuntimeException e) {
            // Elasticsearch's non-daemon threads would keep a half-started node's JVM alive: exit, which closes it
            e.printStackTrace();
            System.exit(1);
        }
        System.out.printf(
                "Concord Elasticsearch node started: http=127.0.0.1:%s transport=127.0.0.1:%s in %d ms%n",
                httpPort, transportPort, (System.nanoTime() - startNanos) / 1_000_000);
        closed.await();
    }

    // Closing the node flushes and releases the data directory's lock, so the next start finds a clean shard state.
    private static void closeNode(Node node, CountDownLatch closed) {
        try {
            node.close();
            node.awaitClose(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException | RuntimeException e) {
            e.printStackTrace();
        } finally {
            closed.countDown();
        }
    }

    // Rewritten on every start so that a change here reaches existing node homes.
    private static void writeLogConfiguration(Path file) throws IOException {
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "status = error",
                        "appender.console.type = Console",
                        "appender.console.name = console",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
                        "rootLogger.level = info",
                        "rootLogger.appenderRef.console.ref = console",
                        ""));
    }
}
