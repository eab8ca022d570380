package dev.concord.rules.validate;

import dev.concord.rules.model.BusinessTransaction;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Suggestions;
import java.util.HashSet;
import java.util.Set;

final class TransactionChecks {

    private TransactionChecks() {}

    static void check(BusinessTransaction transaction, Findings findings) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < transaction.stages().size(); i++) {
            String stage = transaction.stages().get(i);
            if (!seen.add(stage)) {
                findings.error(transaction, "spec.stages[" + i + "]", "duplicate stage '" + stage + "'");
            }
        }
        String completesAt = transaction.completesAt();
        if (completesAt != null && !transaction.stages().isEmpty() && !seen.contains(completesAt)) {
            findings.error(
                    transaction,
                    "spec.completesAt",
                    "'" + completesAt + "' is not one of the stages"
                            + Suggestions.hint(completesAt, transaction.stages()));
        }
        if (transaction.maxDuration() != null && transaction.maxDuration().isZero()) {
            findings.error(transaction, "spec.maxDuration", "maxDuration must be longer than 0");
        }
        if (transaction.maxDuration() != null
                && transaction.failure().retryWithin().compareTo(transaction.maxDuration()) >= 0) {
            findings.error(
                    transaction,
                    "spec.failure.retryWithin",
                    "retryWithin " + Durations.format(transaction.failure().retryWithin())
                            + " must be shorter than maxDuration " + Durations.format(transaction.maxDuration())
                            + ": a failed stage would never decide before the transaction times out");
        }
    }
}
