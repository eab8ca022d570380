package dev.concord.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorSignatureTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ERP connector: authentication failed for user 4711 | ERP connector: authentication failed for user <n>",
                "order 9f1c2d3e-1a2b-4c3d-8e9f-0123456789ab rejected | order <id> rejected",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736 broke | trace <id> broke",
                "no stock for 'SKU-77' in   warehouse 3 | no stock for <s> in warehouse <n>",
                "timeout after 2.5 s | timeout after <n> s"
            })
    void replacesWhatVariesBetweenOccurrences(String body, String signature) {
        assertThat(ErrorSignature.of(body)).isEqualTo(signature);
    }

    @ParameterizedTest(name = "a body of {0} characters is cut to the maximum")
    @CsvSource({"500", "161"})
    void cutsLongBodies(int length) {
        assertThat(ErrorSignature.of("x".repeat(length))).hasSize(ErrorSignature.MAX_LENGTH);
    }
}
