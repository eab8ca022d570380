package dev.concord.outputs.elasticsearch;

import dev.concord.engine.correlate.StageRecord;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionTexts;
import dev.concord.engine.decide.signal.Evidence;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.outputs.Conventions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents Concord stores, their indices and their ids. Field names follow the mappings in
 * {@code src/main/resources/elasticsearch/}; a field added here must be added there (the mappings are strict).
 */
public final class Documents {

    /** Daily indices by event time in UTC, so a replay writes each document into the index it first went to. */
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private Documents() {}

    public static String sloIndex(String prefix, long epochMillis) {
        return prefix + "slo-" + DAY.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String transactionsIndex(String prefix, long epochMillis) {
        return prefix + "transactions-" + DAY.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String decisionsIndex(String prefix) {
        return prefix + "decisions";
    }

    /** SLO key + minute: one document per key and evaluated minute. */
    public static String sloSnapshotId(SloSnapshot s) {
        return String.join(
                "|", s.slo(), s.cloudProvider(), s.cloudRegion(), s.tenant(), Long.toString(s.minuteEndEpochMillis()));
    }

    /** Transaction + its id: a transaction has exactly one outcome. */
    public static String transactionId(TransactionOutcome o) {
        return o.transaction() + "|" + o.transactionId();
    }

    /** Decision id + transition: one document per state change of a decision. */
    public static String decisionDocumentId(String decisionId, String transition) {
        return decisionId + "|" + transition;
    }

    /**
     * A transition is the state entered and when: a decision may enter one state twice (a veto that lifts and comes
     * back), and each time is its own document, while a replay of the same record lands on the same id.
     */
    public static String transition(DecisionRecord d) {
        return d.state() + "@" + d.eventTime();
    }

    public static DocumentMapper<DecisionRecord> decisionRecords() {
        return (d, prefix) -> new IndexedDocument(
                decisionsIndex(prefix), decisionDocumentId(d.decisionId(), transition(d)), source(d));
    }

    public static DocumentMapper<SloSnapshot> sloSnapshots() {
        return (s, prefix) ->
                new IndexedDocument(sloIndex(prefix, s.minuteEndEpochMillis()), sloSnapshotId(s), source(s));
    }

    public static DocumentMapper<TransactionOutcome> transactionOutcomes() {
        return (o, prefix) ->
                new IndexedDocument(transactionsIndex(prefix, o.endEpochMillis()), transactionId(o), source(o));
    }

    static Map<String, Object> source(SloSnapshot s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", iso(s.minuteEndEpochMillis()));
        doc.put("slo", s.slo());
        doc.put("transaction", s.transaction());
        doc.put("cloud", s.cloudProvider());
        doc.put("region", s.cloudRegion());
        doc.put("tenant", s.tenant());
        doc.put("objective", s.objective());
        doc.put("no_data", s.noData());
        doc.put("period_events", s.periodEvents());
        doc.put("period_sli", s.periodSli());
        doc.put("budget_remaining", s.budgetRemaining());
        doc.put("firing", s.firing());
        List<Map<String, Object>> windows = new ArrayList<>();
        for (WindowBurn w : s.windows()) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("window", Conventions.windowLabel(w.windowMinutes()));
            window.put("window_minutes", w.windowMinutes());
            window.put("events", w.events());
            window.put("good_events", w.goodEvents());
            window.put("sli", w.sli());
            window.put("burn_rate", w.burnRate());
            windows.add(window);
        }
        doc.put("windows", windows);
        return doc;
    }

    static Map<String, Object> source(TransactionOutcome o) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", iso(o.endEpochMillis()));
        doc.put("start", iso(o.startEpochMillis()));
        doc.put("transaction", o.transaction());
        doc.put("transaction_id", o.transactionId());
        doc.put("tenant", o.tenant());
        doc.put("cloud", o.cloudProvider());
        doc.put("region", o.cloudRegion());
        doc.put("duration_ms", o.durationMillis());
        doc.put("success", o.success());
        doc.put("outcome", o.outcome() == null ? null : o.outcome().name());
        doc.put("failing_stage", o.failingStage());
        doc.put("failing_service", o.failingService());
        doc.put("adjusted_count", o.adjustedCount());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageRecord r : o.stages()) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("stage", r.stage());
            stage.put("service", r.service());
            stage.put("service_version", r.serviceVersion());
            stage.put("cloud", r.cloudProvider());
            stage.put("region", r.cloudRegion());
            stage.put("trace_id", r.traceId());
            stage.put("span_id", r.spanId());
            stage.put("root", r.root());
            stage.put("start", iso(r.startEpochMillis()));
            stage.put("end", iso(r.endEpochMillis()));
            stage.put("success", r.success());
            stages.add(stage);
        }
        doc.put("stages", stages);
        return doc;
    }

    static Map<String, Object> source(DecisionRecord d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", d.eventTime());
        doc.put("decision_id", d.decisionId());
        doc.put("transition", transition(d));
        doc.put("policy", d.policy());
        doc.put("domain", d.domain());
        doc.put("action", d.action().name());
        doc.put("state", d.state().name());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("label", DecisionTexts.scope(d.scope()));
        scope.put("cloud", d.scope().cloud());
        scope.put("region", d.scope().region());
        scope.put("tenant", d.scope().tenant());
        doc.put("scope", scope);
        doc.put("from", d.from());
        doc.put("to", d.to());
        doc.put(
                "weights",
                d.weights() == null
                        ? null
                        : Map.of("from", d.weights().from(), "to", d.weights().to()));
        doc.put(
                "quorum",
                Map.of(
                        "required", d.quorum().required(),
                        "agreeing", d.quorum().agreeing(),
                        "counted", d.quorum().counted()));
        doc.put("summary", DecisionTexts.summary(d));
        doc.put("evidence", DecisionTexts.evidence(d));
        List<Map<String, Object>> signals = new ArrayList<>();
        for (DecisionRecord.Signal s : d.signals()) {
            Map<String, Object> signal = new LinkedHashMap<>();
            signal.put("family", s.family());
            signal.put("verdict", s.verdict());
            Evidence e = s.evidence();
            signal.put("measure", e == null ? null : e.measure());
            signal.put("value", e == null ? null : e.value());
            signal.put("threshold", e == null ? null : e.threshold());
            signal.put("window", e == null ? null : e.window());
            signal.put("p_value", e == null ? null : e.pValue());
            signal.put("samples", e == null ? null : e.samples());
            signal.put("vantage_points", e == null ? null : e.vantagePoints());
            signals.add(signal);
        }
        doc.put("signals", signals);
        List<Map<String, Object>> vetoes = new ArrayList<>();
        for (DecisionRecord.Veto v : d.vetoes()) {
            Map<String, Object> veto = new LinkedHashMap<>();
            veto.put("kind", v.kind());
            veto.put("value", v.value());
            veto.put("limit", v.limit());
            veto.put("message", v.message());
            vetoes.add(veto);
        }
        doc.put("vetoes", vetoes);
        DecisionRecord.Confirmation c = d.confirmation();
        Map<String, Object> confirmation = null;
        if (c != null) {
            confirmation = new LinkedHashMap<>();
            confirmation.put("by", c.by());
            confirmation.put("at", c.at());
            confirmation.put("reason", c.reason());
        }
        doc.put("confirmation", confirmation);
        return doc;
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
