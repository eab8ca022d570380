package dev.concord.ingest.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both receivers serve TLS from PEM files or from a PKCS#12 keystore; the real SDK exporters, trusting the certificate,
 * deliver through it.
 */
class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private Path certificate;
    private Path key;
    private Path keystore;

    @BeforeEach
    void aSelfSignedCertificateForLocalhost() throws Exception {
        Path store = dir.resolve("server.p12");
        keystore = store;
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD));
        certificate = dir.resolve("server.crt");
        run(List.of(
                keytool.toString(),
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString()));
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            loaded.load(in, PASSWORD.toCharArray());
        }
        PrivateKey privateKey = (PrivateKey) loaded.getKey("server", PASSWORD.toCharArray());
        key = dir.resolve("server.key");
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(privateKey.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void theSdkHttpAndGrpcExportersDeliverSpansOverTlsTrustingTheServerCertificate() throws Exception {
        assertBothExportersDeliverOverTls(IngestSettings.builder().tls(certificate, key));
    }

    @Test
    void aPkcs12KeystoreAndItsPasswordFileServeTheSameTlsOnBothPorts() throws Exception {
        Path password = Files.writeString(dir.resolve("keystore.password"), PASSWORD + "\n");

        assertBothExportersDeliverOverTls(IngestSettings.builder().tlsKeystore(keystore, password));
    }

    @Test
    void aKeystoreWithTheWrongPasswordIsRefusedAtStartNamingThePasswordFile() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.password"), "not-" + PASSWORD);

        assertThatThrownBy(() -> new TlsKeystore(keystore, wrong).sslContext())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(keystore.toString())
                .hasMessageContaining(wrong.toString());
    }

    private void assertBothExportersDeliverOverTls(IngestSettings.Builder settings) throws Exception {
        Path out = dir.resolve("out");
        try (IngestServer server = IngestServer.start(settings.bindAddress("127.0.0.1")
                .httpPort(0)
                .grpcPort(0)
                .out(out)
                .insecureNoAuth(true)
                .build())) {
            byte[] trusted = Files.readAllBytes(certificate);

            send(OtlpHttpSpanExporter.builder()
                    .setEndpoint("https://127.0.0.1:" + server.httpPort() + "/v1/traces")
                    .setTrustedCertificates(trusted)
                    .build());
            send(OtlpGrpcSpanExporter.builder()
                    .setEndpoint("https://127.0.0.1:" + server.grpcPort().getAsInt())
                    .setTrustedCertificates(trusted)
                    .build());

            assertThat(Files.readAllLines(out.resolve("traces.jsonl"), StandardCharsets.UTF_8))
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("over tls"));
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedAtStartWithHowToConvertIt() throws Exception {
        Path rsa = Files.writeString(
                dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new TlsFiles(certificate, rsa).sslContext())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    private static void send(SpanExporter exporter) {
        try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build()) {
            tracers.get("tls-test").spanBuilder("over tls").startSpan().end();
            assertThat(tracers.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                    .as("exported through %s", exporter)
                    .isTrue();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
