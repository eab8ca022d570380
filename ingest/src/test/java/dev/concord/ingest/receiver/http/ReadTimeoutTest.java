package dev.concord.ingest.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that stops sending its body is dropped after the read timeout and frees its worker and queue slot. */
class ReadTimeoutTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aStalledBodyIsDroppedAfterTheReadTimeoutAndTheReceiverServesTheNextRequest() throws Exception {
        // a queue of one: while the stalled request holds it, any other export would get 429
        try (ReceiverFixture fixture = new ReceiverFixture(
                dir, OtlpHttpReceiver.DEFAULT_MAX_BODY_BYTES, 1, Duration.ofSeconds(5), READ_TIMEOUT)) {
            try (Socket slow = new Socket("127.0.0.1", fixture.receiver.port())) {
                slow.setSoTimeout(15_000);
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                                + "Authorization: Bearer " + ReceiverFixture.ACME_TOKEN + "\r\n"
                                + "Content-Length: 1000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[10]);
                out.flush();
                long sent = System.nanoTime();

                int read = readUntilClosed(slow.getInputStream());

                Duration waited = Duration.ofNanos(System.nanoTime() - sent);
                assertThat(read).as("bytes answered to the stalled client").isZero();
                assertThat(waited).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100));
                assertThat(waited).isLessThan(Duration.ofSeconds(10));
            }

            byte[] empty = new byte[0];
            assertThat(fixture.post(
                                    "/v1/traces",
                                    "application/x-protobuf",
                                    empty,
                                    "Authorization",
                                    "Bearer " + ReceiverFixture.ACME_TOKEN)
                            .statusCode())
                    .as("the next export, which needs the queue slot the stalled one held")
                    .isEqualTo(200);
        }
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
}
