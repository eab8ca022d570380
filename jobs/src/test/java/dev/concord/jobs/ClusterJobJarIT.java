package dev.concord.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What a Flink cluster is handed: the engine and its outputs, never the simulator, the demo or the CLI. */
class ClusterJobJarIT {

    private static final Path JOB_JAR = Path.of("target", "concord-flink-job.jar");

    @Test
    void theClusterJobJarHoldsTheEngineAndOutputsButNoSimulatorDemoOrCli() throws IOException {
        assertThat(JOB_JAR).as("built by the package phase").isRegularFile();
        try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName)
                    .toList();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(ClusterEntryPoint.class.getName());
            assertThat(names)
                    .contains(
                            "dev/concord/jobs/ClusterEntryPoint.class",
                            "dev/concord/engine/correlate/TransactionCorrelator.class",
                            "dev/concord/outputs/prometheus/PrometheusExporterSink.class",
                            "dev/concord/outputs/elasticsearch/ElasticsearchSink.class",
                            "dev/concord/outputs/alertmanager/AlertmanagerSink.class",
                            // the entry point parses its options with picocli, which a cluster does not provide
                            "picocli/CommandLine.class");
            assertThat(names)
                    .noneMatch(name -> name.startsWith("dev/concord/simulator/"))
                    .noneMatch(name -> name.startsWith("dev/concord/cli/"))
                    .noneMatch(name -> name.startsWith("io/opentelemetry/sdk/"));
        }
    }
}
