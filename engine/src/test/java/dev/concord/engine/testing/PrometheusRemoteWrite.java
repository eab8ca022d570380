package dev.concord.engine.testing;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one sample into Prometheus through its remote-write receiver ({@code --web.enable-remote-write-receiver}),
 * so tests do not compete for the one scrape-target port. The request is the remote-write protobuf, snappy-framed
 * as a single uncompressed literal, which every snappy decoder accepts.
 */
public final class PrometheusRemoteWrite {

    private PrometheusRemoteWrite() {}

    /** Writes {@code value} for the series {@code name{labels}} at {@code timeMillis}; fails unless Prometheus took it. */
    public static void write(
            String prometheusUrl, String name, Map<String, String> labels, double value, long timeMillis)
            throws IOException, InterruptedException {
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        sorted.put("__name__", name);
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream ts = CodedOutputStream.newInstance(series);
        for (Map.Entry<String, String> label : sorted.entrySet()) {
            ts.writeByteArray(1, label(label.getKey(), label.getValue()));
        }
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(sample);
        s.writeDouble(1, value);
        s.writeInt64(2, timeMillis);
        s.flush();
        ts.writeByteArray(2, sample.toByteArray());
        ts.flush();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        CodedOutputStream w = CodedOutputStream.newInstance(request);
        w.writeByteArray(1, series.toByteArray());
        w.flush();

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/write"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/x-protobuf")
                                .header("Content-Encoding", "snappy")
                                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(snappyLiteral(request.toByteArray())))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("remote write refused: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static byte[] label(String name, String value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, name);
        out.writeString(2, value);
        out.flush();
        return bytes.toByteArray();
    }

    /** Snappy block format: the uncompressed length as a varint, then one literal element holding everything. */
    static byte[] snappyLiteral(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream length = CodedOutputStream.newInstance(out);
        length.writeUInt32NoTag(data.length);
        length.flush();
        int n = data.length - 1;
        if (n < 60) {
            out.write(n << 2);
        } else if (n < 1 << 8) {
            out.write(60 << 2);
            out.write(n);
        } else if (n < 1 << 16) {
            out.write(61 << 2);
            out.write(n & 0xff);
            out.write(n >>> 8);
        } else {
            out.write(62 << 2);
            out.write(n & 0xff);
            out.write((n >>> 8) & 0xff);
            out.write(n >>> 16);
        }
        out.write(data);
        return out.toByteArray();
    }
}
