package dev.concord.ingest.decode;

import static dev.concord.ingest.decode.OtlpSamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricKind;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogAndMetricDecodingTest {

    private static final ResourceIdentity ERP =
            new ResourceIdentity("erp-connector", null, "gcp", "us-central1", null, null);
    private static final ResourceIdentity DB = new ResourceIdentity("orders-db", null, "aws", "us-east-1", null, null);

    private final OtlpDecoder decoder = new OtlpDecoder(NOW, DecodeLimits.defaults());

    @Test
    void anOtlpJsonLogSampleDecodesWithHexIdsAndStringTimestamps() throws Exception {
        byte[] json = OtlpSamples.resourceBytes("logs.json");

        CanonicalBatch batch = decoder.decode(OtlpSignal.LOGS, json, json.length, PayloadFormat.JSON);

        assertThat(batch.logs())
                .containsExactly(new LogRecord(
                        ERP,
                        1_767_604_200_000_000_000L,
                        1_767_604_200_000_000_100L,
                        17,
                        "ERROR",
                        "ERP connector: authentication failed",
                        "5b8efff798038103d269b633813fc60c",
                        "eee19b7ec3c1b174",
                        Map.of("exception.type", "AuthException")));
    }

    @Test
    void gaugesSumsAndHistogramsDecodeIntoSamplesKeepingLargeIntegersExact() throws Exception {
        byte[] json = OtlpSamples.resourceBytes("metrics.json");

        CanonicalBatch batch = decoder.decode(OtlpSignal.METRICS, json, json.length, PayloadFormat.JSON);

        long time = 1_767_604_200_000_000_000L;
        assertThat(batch.metrics())
                .containsExactly(
                        new MetricSample(
                                DB,
                                "db.replication.lag",
                                "s",
                                MetricKind.GAUGE,
                                time,
                                12.5,
                                Map.of("db.system", "postgresql")),
                        new MetricSample(
                                DB, "orders.placed", "1", MetricKind.MONOTONIC_SUM, time, 9007199254740993.0, Map.of()),
                        new MetricSample(
                                DB,
                                "http.server.request.duration.count",
                                "1",
                                MetricKind.MONOTONIC_SUM,
                                time,
                                4,
                                Map.of()),
                        new MetricSample(
                                DB,
                                "http.server.request.duration.sum",
                                "s",
                                MetricKind.MONOTONIC_SUM,
                                time,
                                1.5,
                                Map.of()));
    }

    @Test
    void theProtobufAndJsonEncodingsOfTheSameMetricsRequestDecodeAlike() throws Exception {
        byte[] json = OtlpSamples.resourceBytes("metrics.json");
        byte[] protobuf = OtlpSignal.METRICS.parse(json, PayloadFormat.JSON).toByteArray();

        assertThat(decoder.decode(OtlpSignal.METRICS, protobuf, protobuf.length, PayloadFormat.PROTOBUF))
                .isEqualTo(decoder.decode(OtlpSignal.METRICS, json, json.length, PayloadFormat.JSON));
    }
}
