package dev.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void yamlValuesOfAnyScalarTypeBecomeTheStringsAFlagWouldGive() throws Exception {
        Path file = Files.writeString(dir.resolve("ingest.yaml"), """
                # concord ingest
                http-port: 4318
                grpc-port: -1
                kafka: "127.0.0.1:19092"
                gzip: true
                tokens: /etc/concord/tokens
                read-timeout-seconds: 10
                """);

        assertThat(IngestConfigFile.read(file))
                .containsEntry("http-port", "4318")
                .containsEntry("grpc-port", "-1")
                .containsEntry("kafka", "127.0.0.1:19092")
                .containsEntry("gzip", "true")
                .containsEntry("tokens", "/etc/concord/tokens")
                .containsEntry("read-timeout-seconds", "10")
                .hasSize(6);
    }

    @Test
    void aPropertiesFileStillWorks() throws Exception {
        Path file = Files.writeString(dir.resolve("ingest.properties"), "http-port=4318\nout=/tmp/otlp\n");

        assertThat(IngestConfigFile.read(file))
                .containsEntry("http-port", "4318")
                .containsEntry("out", "/tmp/otlp");
    }

    @Test
    void anUnknownKeyANestedValueOrAListAreRefused() throws Exception {
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "http-prot: 4318\n");
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "kafka:\n  host: x\n");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- http-port\n");

        assertThatThrownBy(() -> IngestConfigFile.read(unknown)).hasMessageContaining("unknown keys [http-prot]");
        assertThatThrownBy(() -> IngestConfigFile.read(nested)).hasMessageContaining("kafka must be a single value");
        assertThatThrownBy(() -> IngestConfigFile.read(list)).hasMessageContaining("must be a YAML map");
    }

    @Test
    void anEmptyFileOrNoFileSetsNothing() throws Exception {
        assertThat(IngestConfigFile.read(Files.writeString(dir.resolve("empty.yaml"), "")))
                .isEmpty();
        assertThat(IngestConfigFile.read(null)).isEmpty();
    }
}
