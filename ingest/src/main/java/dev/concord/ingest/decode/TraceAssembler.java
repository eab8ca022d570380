package dev.concord.ingest.decode;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.AttributeMap;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /**
     * The attribute names of the span read last in the general way, when their handling depends on nothing else: names
     * distinct from each other and from the resource's, none of them marking a probe, the resource naming neither a
     * business transaction nor a probe. A span with the same names, the same {@code String}s in the same order, as the
     * spans of a request mostly have, then needs no lookups: its map is the entries at {@link #layoutKept} over the
     * resource's, and the business-transaction values are at their indexes (-1: absent).
     */
    private String[] layoutKeys = new String[0];

    private int layoutCount = -1;
    private int[] layoutKept = new int[0];
    private int layoutTransaction;
    private int layoutTransactionId;
    private int layoutStage;
    private boolean resourceNamesTransactionOrProbe;
    private String[] scratchKeys = new String[16];
    private String[] scratchValues = new String[16];

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
        layoutCount = -1;
        resourceNamesTransactionOrProbe = merge.resourceHasAny(
                Conventions.BUSINESS_TRANSACTION,
                Conventions.BUSINESS_TRANSACTION_ID,
                Conventions.BUSINESS_TRANSACTION_STAGE,
                Conventions.USER_AGENT_SYNTHETIC_TYPE);
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
        int kept = draft.keptAttributes(maxAttributes);
        if (sameLayout(draft, kept)) {
            spanOfLayout(draft, kept);
            return;
        }
        merge.startSpan();
        for (int i = 0; i < kept; i++) {
            merge.put(draft.keys[i], draft.rendered[i]);
        }
        String type = merge.get(Conventions.USER_AGENT_SYNTHETIC_TYPE);
        if ((Conventions.SYNTHETIC_TYPE_TEST.equals(type) || Conventions.SYNTHETIC_TYPE_BOT.equals(type))
                && merge.get(Conventions.SYNTHETIC_PROBE_NAME) != null) {
            probes.add(probe(draft));
            return;
        }
        learnLayout(draft, kept, type);
        String transaction = merge.remove(Conventions.BUSINESS_TRANSACTION);
        String transactionId = merge.remove(Conventions.BUSINESS_TRANSACTION_ID);
        String stage = merge.remove(Conventions.BUSINESS_TRANSACTION_STAGE);
        add(draft, kept, transaction, transactionId, stage, merge.toMap());
    }

    private boolean sameLayout(SpanDraft draft, int kept) {
        if (kept != layoutCount) {
            return false;
        }
        String[] keys = draft.keys;
        String[] known = layoutKeys;
        for (int i = 0; i < kept; i++) {
            if (keys[i] != known[i]) {
                return false;
            }
        }
        return true;
    }

    private void learnLayout(SpanDraft draft, int kept, String syntheticType) {
        layoutCount = -1;
        if (resourceNamesTransactionOrProbe
                || syntheticType != null
                || !merge.spanKeysDistinctFromEachOtherAndTheResource(kept)) {
            return;
        }
        layoutTransaction = -1;
        layoutTransactionId = -1;
        layoutStage = -1;
        int[] others = new int[kept];
        int count = 0;
        for (int i = 0; i < kept; i++) {
            String key = draft.keys[i];
            if (key.equals(Conventions.BUSINESS_TRANSACTION)) {
                layoutTransaction = i;
            } else if (key.equals(Conventions.BUSINESS_TRANSACTION_ID)) {
                layoutTransactionId = i;
            } else if (key.equals(Conventions.BUSINESS_TRANSACTION_STAGE)) {
                layoutStage = i;
            } else {
                others[count++] = i;
            }
        }
        layoutKept = Arrays.copyOf(others, count);
        layoutKeys = Arrays.copyOf(draft.keys, kept);
        layoutCount = kept;
        if (scratchKeys.length < count) {
            scratchKeys = new String[count];
            scratchValues = new String[count];
        }
    }

    private void spanOfLayout(SpanDraft draft, int kept) {
        int[] others = layoutKept;
        for (int i = 0; i < others.length; i++) {
            scratchKeys[i] = draft.keys[others[i]];
            scratchValues[i] = draft.rendered[others[i]];
        }
        add(
                draft,
                kept,
                layoutTransaction < 0 ? null : draft.rendered[layoutTransaction],
                layoutTransactionId < 0 ? null : draft.rendered[layoutTransactionId],
                layoutStage < 0 ? null : draft.rendered[layoutStage],
                AttributeMap.over(merge.resourceMap(), scratchKeys, scratchValues, others.length));
    }

    private void add(
            SpanDraft draft,
            int kept,
            String transaction,
            String transactionId,
            String stage,
            Map<String, String> attributes) {
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
                attributes,
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
