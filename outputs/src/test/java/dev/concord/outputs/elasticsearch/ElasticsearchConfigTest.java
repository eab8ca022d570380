package dev.concord.outputs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchConfigTest {

    @Test
    void needsAHost() {
        assertThatThrownBy(() -> ElasticsearchConfig.builder().build()).hasMessageContaining("at least one host");
    }

    @Test
    void refusesAHostWithoutSchemeOrPort() {
        assertThatThrownBy(() -> ElasticsearchConfig.builder().host("es:9200").build())
                .hasMessageContaining("http(s)://HOST:PORT");
        assertThatThrownBy(() -> ElasticsearchConfig.builder().host("http://es").build())
                .hasMessageContaining("http(s)://HOST:PORT");
    }

    @Test
    void refusesCredentialsInClearTextToARemoteHost() {
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("http://es.example.com:9200")
                        .basicAuth("concord", "secret")
                        .build())
                .hasMessageContaining("credentials need https");
        assertThat(ElasticsearchConfig.builder()
                        .host("https://es.example.com:9200")
                        .apiKey("a2V5")
                        .build()
                        .toString())
                .contains("api-key")
                .doesNotContain("a2V5");
    }

    @Test
    void refusesBothAuthenticationsAndBothTrustOptions(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("https://es:9200")
                        .basicAuth("a", "b")
                        .apiKey("k")
                        .build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("https://es:9200")
                        .caCertificate(ca)
                        .trustAllCertificates(true)
                        .build())
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("https://es:9200")
                        .caCertificate(dir.resolve("missing.pem"))
                        .build())
                .hasMessageContaining("not readable");
    }

    @Test
    void refusesAnUnusableCaFileWhenTheClientIsBuilt(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        ElasticsearchConfig config = ElasticsearchConfig.builder()
                .host("https://es:9200")
                .caCertificate(ca)
                .build();
        assertThatThrownBy(() -> ElasticsearchClients.sslContext(config)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonsenseBatchingAndBackoffAndAnUppercasePrefix() {
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("http://127.0.0.1:9200")
                        .maxBatchActions(0)
                        .build())
                .hasMessageContaining("maxBatchActions");
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("http://127.0.0.1:9200")
                        .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> ElasticsearchConfig.builder()
                        .host("http://127.0.0.1:9200")
                        .indexPrefix("Concord-")
                        .build())
                .hasMessageContaining("index prefix");
    }
}
