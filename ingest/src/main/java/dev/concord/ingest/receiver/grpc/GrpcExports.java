package dev.concord.ingest.receiver.grpc;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.receiver.Admission;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.OtlpResponses;
import dev.concord.ingest.receiver.ReceiverMetrics;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Duration;

/**
 * The OTLP/HTTP semantics in gRPC terms: a full queue is RESOURCE_EXHAUSTED and a sink that did not take the data is
 * UNAVAILABLE, both with {@code RetryInfo}; otherwise the export response, with {@code partial_success} as needed.
 */
final class GrpcExports {

    static final String TRANSPORT = "grpc";

    private final Ingestor ingestor;
    private final Admission admission;
    private final ReceiverMetrics metrics;
    private final com.google.protobuf.Duration retryDelay;

    GrpcExports(Ingestor ingestor, Admission admission, ReceiverMetrics metrics, Duration retryAfter) {
        this.ingestor = ingestor;
        this.admission = admission;
        this.metrics = metrics;
        this.retryDelay = com.google.protobuf.Duration.newBuilder()
                .setSeconds(retryAfter.toSeconds())
                .setNanos(retryAfter.toNanosPart())
                .build();
    }

    @SuppressWarnings("unchecked")
    <R> void export(OtlpSignal signal, Message request, StreamObserver<R> responses) {
        long started = System.nanoTime();
        int code;
        try (Admission.Slot slot = admission.tryEnter()) {
            if (slot == null) {
                code = Code.RESOURCE_EXHAUSTED_VALUE;
                responses.onError(retryable(code, "the receiver's queue is full; retry later"));
            } else {
                slot.holdBytes(request.getSerializedSize());
                metrics.bytesRead(signal, TRANSPORT, request.getSerializedSize());
                Ingestor.Result result = ingestor.export(signal, request, BearerInterceptor.PRINCIPAL.get());
                if (result.delivered()) {
                    code = Code.OK_VALUE;
                    responses.onNext((R) OtlpResponses.success(
                            signal,
                            result.report().rejectedTotal(),
                            result.report().rejectionMessage()));
                    responses.onCompleted();
                } else {
                    code = Code.UNAVAILABLE_VALUE;
                    responses.onError(retryable(code, "the sink did not take the data in time; retry later"));
                }
            }
        }
        metrics.answered(signal, TRANSPORT, code, System.nanoTime() - started);
    }

    private RuntimeException retryable(int code, String message) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code)
                .setMessage(message)
                .addDetails(com.google.protobuf.Any.pack(
                        RetryInfo.newBuilder().setRetryDelay(retryDelay).build()))
                .build());
    }
}
