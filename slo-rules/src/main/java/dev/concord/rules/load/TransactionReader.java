package dev.concord.rules.load;

import dev.concord.rules.model.BusinessTransaction;
import dev.concord.rules.model.BusinessTransaction.Failure;
import dev.concord.rules.model.BusinessTransaction.Match;
import dev.concord.rules.model.Metadata;
import java.util.List;

final class TransactionReader {

    static final String[] FIELDS = {"description", "match", "stages", "completesAt", "maxDuration", "failure"};

    private TransactionReader() {}

    static BusinessTransaction read(Metadata metadata, MapReader spec) {
        Match match = spec.map("match", "transactionAttribute", "idAttribute", "stageAttribute")
                .map(m -> new Match(
                        m.string("transactionAttribute").orElse(Match.DEFAULT.transactionAttribute()),
                        m.string("idAttribute").orElse(Match.DEFAULT.idAttribute()),
                        m.string("stageAttribute").orElse(Match.DEFAULT.stageAttribute())))
                .orElse(Match.DEFAULT);
        List<String> stages = spec.requiredStrings("stages").orElse(List.of());
        spec.value("stages")
                .filter(node -> node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode list
                        && list.getValue().isEmpty())
                .ifPresent(node ->
                        spec.context().error(node, spec.child("stages"), "a transaction needs at least one stage"));
        // the last stage completes the transaction unless another is named
        String completesAt = spec.string("completesAt").orElse(stages.isEmpty() ? null : stages.get(stages.size() - 1));
        return new BusinessTransaction(
                metadata,
                spec.string("description").orElse(""),
                match,
                stages,
                completesAt,
                spec.requiredDuration("maxDuration").orElse(null),
                spec.map("failure", "onStageError", "retryWithin")
                        .map(f -> new Failure(
                                f.bool("onStageError").orElse(Failure.DEFAULT.onStageError()),
                                f.duration("retryWithin").orElse(Failure.DEFAULT.retryWithin())))
                        .orElse(Failure.DEFAULT),
                spec.context().origin());
    }
}
