package dev.concord.ingest.decode;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the spans the fast trace readers read into canonical records with exactly the decisions of
 * {@link TraceSanitizer} then {@link TraceMapper}: the same rejections, limits, resource cleaning, flattening, probe
 * detection and adjusted count. One per request.
 */
final class TraceAssembler {

    private static final SpanKind[] KINDS = SpanKind.values();
    private static final int SAMPLING_ADJUSTED_COUNT_HASH = Conventions.SAMPLING_ADJUSTED_COUNT.hashCode();

    private final ResourceSanitizer resources;
    private final int maxAttributes;
    private final long latestNanos;
    private final DecodeReport report = new DecodeReport();
    private final AttributeMerge merge = new AttributeMerge();
    private final List<Span> spans = new ArrayList<>();
    private final List<ProbeResult> probes = new ArrayList<>();
    private ResourceIdentity identity;
    /** The last tracestate that was not empty, and its adjusted count: most sampled spans of a request agree. */
    private String lastTraceState = "";

    private double lastTraceStateCount;

    TraceAssembler(ResourceSanitizer resources, DecodeLimits limits, long latestNanos) {
        this.resources = resources;
        this.maxAttributes = limits.maxAttributes();
        this.latestNanos = latestNanos;
    }

    /** The resource of the spans that follow, as it was sent. */
    void resource(Resource resource) {
        FlatResource flat = FlatResource.of(resources.sanitize(resource, Optional.empty(), 1, report));
        identity = flat.identity();
        merge.resource(flat);
    }

    void span(SpanDraft draft) {
        if (draft.traceIdBytes != 16
                || draft.spanIdBytes != 8
                || (draft.parentSpanIdBytes != 0 && draft.parentSpanIdBytes != 8)
                || draft.end < draft.start
                || draft.start > latestNanos
                || draft.end > latestNanos) {
            return;
        }
        merge.startSpan();
        int kept = draft.keptAttributes(maxAttributes);
        for (int i = 0; i < kept; i++) {
            merge.put(draft.keys[i], draft.rendered[i]);
        }
        String type = merge.get(Conventions.USER_AGENT_SYNTHETIC_TYPE);
        if ((Conventions.SYNTHETIC_TYPE_TEST.equals(type) || Conventions.SYNTHETIC_TYPE_BOT.equals(type))
                && merge.get(Conventions.SYNTHETIC_PROBE_NAME) != null) {
            probes.add(probe(draft));
            return;
        }
        String transaction = merge.remove(Conventions.BUSINESS_TRANSACTION);
        String transactionId = merge.remove(Conventions.BUSINESS_TRANSACTION_ID);
        String stage = merge.remove(Conventions.BUSINESS_TRANSACTION_STAGE);
        spans.add(new Span(
                identity,
                draft.traceId,
                draft.spanId,
                draft.parentSpanId,
                draft.name,
                draft.kind >= 0 && draft.kind < KINDS.length ? KINDS[draft.kind] : SpanKind.UNSPECIFIED,
                draft.start,
                draft.end,
                switch (draft.statusCode) {
                    case 1 -> StatusCode.OK;
                    case 2 -> StatusCode.ERROR;
                    default -> StatusCode.UNSET;
                },
                draft.statusMessage,
                transaction,
                transactionId,
                stage,
                merge.toMap(),
                adjustedCount(draft, kept)));
    }

    List<Span> spans() {
        return spans;
    }

    List<ProbeResult> probes() {
        return probes;
    }

    private ProbeResult probe(SpanDraft draft) {
        return new ProbeResult(
                identity,
                draft.start,
                merge.get(Conventions.SYNTHETIC_PROBE_NAME),
                orUnknown(merge.get(Conventions.SYNTHETIC_VANTAGE_POINT)),
                orUnknown(merge.get(Conventions.SYNTHETIC_TARGET_CLOUD_PROVIDER)),
                orUnknown(merge.get(Conventions.SYNTHETIC_TARGET_CLOUD_REGION)),
                merge.get(Conventions.BUSINESS_TRANSACTION),
                draft.statusCode != 2,
                draft.end - draft.start,
                merge.get(Conventions.SYNTHETIC_PROBE_FAILED_STEP));
    }

    /** As {@link AdjustedCount#of}: the tracestate first, then the first {@code sampling.adjusted_count} attribute. */
    private double adjustedCount(SpanDraft draft, int kept) {
        double fromState;
        if (draft.traceState.isEmpty()) {
            fromState = 0;
        } else {
            if (!draft.traceState.equals(lastTraceState)) {
                lastTraceStateCount = AdjustedCount.fromTraceState(draft.traceState);
                lastTraceState = draft.traceState;
            }
            fromState = lastTraceStateCount;
        }
        if (fromState > 0) {
            return fromState;
        }
        for (int i = 0; i < kept; i++) {
            String key = draft.keys[i];
            if (key.hashCode() == SAMPLING_ADJUSTED_COUNT_HASH && key.equals(Conventions.SAMPLING_ADJUSTED_COUNT)) {
                return switch (draft.types[i]) {
                    case SpanDraft.NUMBER -> AdjustedCount.valid(draft.numbers[i]);
                    case SpanDraft.STRING -> AdjustedCount.valid(AdjustedCount.parse(draft.rendered[i]));
                    default -> 1.0;
                };
            }
        }
        return 1.0;
    }

    private static String orUnknown(String value) {
        return value == null ? Conventions.UNKNOWN : value;
    }
}
