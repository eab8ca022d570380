package dev.concord.ingest.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their request line and headers too slowly (slow-loris) are cut off after the header timeout and
 * counted, and the workers they held serve others again; a connection idle between requests is not cut.
 */
class HeaderTimeoutTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    /** As many as the fixture has workers: while they hold them, nothing else is served. */
    private static final int SLOW_CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void clientsTricklingHeadersAreCutOffAfterTheHeaderTimeoutCountedAndTheirWorkersFreed() throws Exception {
        try (ReceiverFixture fixture = fixture()) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    Socket socket = new Socket("127.0.0.1", fixture.receiver.port());
                    socket.setSoTimeout(15_000);
                    OutputStream out = socket.getOutputStream();
                    out.write("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                long sent = System.nanoTime();

                for (Socket socket : slow) {
                    assertThat(readUntilClosed(socket.getInputStream()))
                            .as("bytes answered to a client that never finished its headers")
                            .isZero();
                }

                Duration waited = Duration.ofNanos(System.nanoTime() - sent);
                assertThat(waited).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(100));
                assertThat(waited).isLessThan(Duration.ofSeconds(10));
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }

            assertThat(fixture.post(
                                    "/v1/traces",
                                    "application/x-protobuf",
                                    new byte[0],
                                    "Authorization",
                                    "Bearer " + ReceiverFixture.ACME_TOKEN)
                            .statusCode())
                    .as("an export on the workers the slow clients held")
                    .isEqualTo(200);
            assertThat(new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8))
                    .contains("concord_ingest_http_header_timeouts_total " + SLOW_CLIENTS + ".0");
        }
    }

    @Test
    void aKeptAliveConnectionIdleBetweenRequestsLongerThanTheHeaderTimeoutIsServed() throws Exception {
        try (ReceiverFixture fixture = fixture();
                Socket socket = new Socket("127.0.0.1", fixture.receiver.port())) {
            socket.setSoTimeout(15_000);
            byte[] request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

            socket.getOutputStream().write(request);
            String first = readResponse(socket.getInputStream());
            Thread.sleep(HEADER_TIMEOUT.multipliedBy(2).toMillis());
            socket.getOutputStream().write(request);
            String second = readResponse(socket.getInputStream());

            assertThat(first).startsWith("HTTP/1.1 200").endsWith("ok\n");
            assertThat(second).startsWith("HTTP/1.1 200").endsWith("ok\n");
            assertThat(new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8))
                    .contains("concord_ingest_http_header_timeouts_total 0.0");
        }
    }

    private ReceiverFixture fixture() {
        return new ReceiverFixture(
                dir,
                OtlpHttpReceiver.DEFAULT_MAX_BODY_BYTES,
                4,
                Duration.ofSeconds(5),
                OtlpHttpReceiver.DEFAULT_READ_TIMEOUT,
                HEADER_TIMEOUT);
    }

    /** Reads until the server closes the connection; a reset counts as closed. */
    private static int readUntilClosed(InputStream in) {
        int total = 0;
        try {
            for (int n = in.read(); n >= 0; n = in.read()) {
                total++;
            }
        } catch (IOException e) {
            // reset by the server: closed too
        }
        return total;
    }

    /** One response of the health check: its headers up to the blank line, then the three bytes of its body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + response);
            }
            response.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        response.write(in.readNBytes("ok\n".length()));
        return response.toString(StandardCharsets.US_ASCII);
    }
}
