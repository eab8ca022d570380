package dev.concord.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.rules.model.BusinessTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction's {@code failure} block: which failed spans fail it, and the retry grace. */
class TransactionFailureTest {

    @Test
    void theRetryGraceAndTheRootOnlyRuleAreReadAsWritten(@TempDir Path dir) throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                apiVersion: concord.dev/v1
                kind: BusinessTransaction
                metadata: {name: order-to-fulfillment}
                spec:
                  stages: [order-capture, pick, ship]
                  maxDuration: 15m
                  failure: {onStageError: false, retryWithin: 30s}
                ---
                apiVersion: concord.dev/v1
                kind: BusinessTransaction
                metadata: {name: procurement-to-receiving}
                spec:
                  stages: [purchase-order, goods-receipt]
                  maxDuration: 1h
                  failure: {retryWithin: 2m}
                """);

        CheckResult result = Rules.check(List.of(rules));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rules().transactions())
                .extracting(BusinessTransaction::failure)
                .containsExactly(
                        new BusinessTransaction.Failure(false, Duration.ofSeconds(30)),
                        new BusinessTransaction.Failure(true, Duration.ofMinutes(2)));
    }
}
