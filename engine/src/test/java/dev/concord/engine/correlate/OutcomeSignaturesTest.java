package dev.concord.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Error logs reach the outcome of the transaction whose trace they belong to, whichever arrived first. */
class OutcomeSignaturesTest {

    private static final long RETENTION = 60_000;
    private static final long T0 = 1_767_603_600_000L;
    private static final ResourceIdentity ERP =
            new ResourceIdentity("erp-connector", "1.0.0", "aws", "us-east-1", "production", "acme");

    private static LogRecord errorLog(String traceId, long time, String body) {
        return new LogRecord(ERP, time * 1_000_000L, time * 1_000_000L, 17, "ERROR", body, traceId, "s1", Map.of());
    }

    private static Span span(String traceId) {
        return TransactionFixtures.stage("o-1", "erp-posting", 0, 1)
                .trace(traceId)
                .build();
    }

    @Test
    void tiesALogToItsTransactionWhetherTheLogOrTheSpanCameFirst() throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, Span, LogRecord, TraceSignatures> harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new TraceErrorLogs(RETENTION), Span::traceId, LogRecord::traceId, Types.STRING)) {
            harness.processElement2(errorLog("t1", T0, "ERP connector: authentication failed for user 12"), T0);
            harness.processElement1(span("t1"), T0 + 5);
            harness.processElement2(errorLog("t1", T0 + 7, "ERP connector: timeout after 30 s"), T0 + 7);

            assertThat(harness.extractOutputValues())
                    .extracting(TraceSignatures::transactionKey, TraceSignatures::signature)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "order-to-fulfillment/o-1", "ERP connector: authentication failed for user <n>"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "order-to-fulfillment/o-1", "ERP connector: timeout after <n> s"));

            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 7 + RETENTION));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void namesTheSignaturesKnownByTheOutcomesEndAndNoLaterOnes() throws Exception {
        TransactionOutcome outcome = outcome(T0 + 100);
        try (KeyedTwoInputStreamOperatorTestHarness<String, TransactionOutcome, TraceSignatures, TransactionOutcome>
                harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new OutcomeSignatures(RETENTION),
                        TransactionCorrelator::key,
                        TraceSignatures::transactionKey,
                        Types.STRING)) {
            String key = TransactionCorrelator.key(outcome);
            harness.processElement2(new TraceSignatures(key, "b failed", T0 + 50), T0 + 50);
            harness.processElement1(outcome, outcome.endEpochMillis());
            harness.processElement2(new TraceSignatures(key, "a failed", T0 + 90), T0 + 90);
            harness.processElement2(new TraceSignatures(key, "a failed", T0 + 95), T0 + 95);
            harness.processElement2(new TraceSignatures(key, "too late", T0 + 150), T0 + 150);

            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 100));

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(o -> assertThat(o.errorLogSignatures()).containsExactly("a failed", "b failed"));
            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 150 + RETENTION));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static TransactionOutcome outcome(long end) {
        return new TransactionOutcome(
                "order-to-fulfillment",
                "o-1",
                "acme",
                "aws",
                "us-east-1",
                T0,
                end,
                end - T0,
                false,
                Outcome.FAILED,
                "erp-posting",
                "erp-connector",
                List.of(),
                1.0,
                List.of());
    }
}
