package dev.concord.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdjustedCountTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ot=th:8",
                "ot=th:c",
                "ot=th:0",
                "ot=th:",
                "ot=th:fffffffffffffff",
                "ot=th:zz",
                " ot=rv:abc;th:8 ",
                "vendor=x,ot=th:8",
                "ot=rv:1,ot=th:4",
                "ot=th:8;th:c",
                "ot=;th:8",
                "ot=th:8,",
                ",,ot=th:8",
                "xot=th:8",
                "ot=xth:8",
                "ot= th:8",
                "ot=th:8 ;rv:1"
            })
    void theInPlaceScanReadsTracestateAsSplittingDid(String traceState) {
        assertThat(AdjustedCount.fromTraceState(traceState)).isEqualTo(bySplitting(traceState));
    }

    @Test
    void randomTracestatesReadAsSplittingDid() {
        Random random = new Random(11);
        char[] alphabet = "ot=h:;, \t0123456789abcfABCxr".toCharArray();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder state = new StringBuilder(random.nextBoolean() ? "ot=th:" : "");
            for (int n = random.nextInt(16); n > 0; n--) {
                state.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = state.toString();
            assertThat(AdjustedCount.fromTraceState(text)).as(text).isEqualTo(bySplitting(text));
        }
    }

    @Test
    void halfProbabilitySamplingCountsTwice() {
        assertThat(AdjustedCount.fromTraceState("ot=th:8")).isEqualTo(2.0);
    }

    /** The implementation before the in-place scan, kept as the reference. */
    private static double bySplitting(String traceState) {
        if (traceState.isEmpty()) {
            return 0;
        }
        for (String member : traceState.split(",")) {
            String trimmed = member.trim();
            if (!trimmed.startsWith("ot=")) {
                continue;
            }
            for (String field : trimmed.substring(3).split(";")) {
                if (field.startsWith("th:")) {
                    String hex = field.substring(3);
                    if (hex.isEmpty() || hex.length() > 14) {
                        return 0;
                    }
                    long threshold = 0;
                    for (int i = 0; i < 14; i++) {
                        int digit = i < hex.length() ? Character.digit(hex.charAt(i), 16) : 0;
                        if (digit < 0) {
                            return 0;
                        }
                        threshold = (threshold << 4) | digit;
                    }
                    return 0x1p56 / (0x1p56 - threshold);
                }
            }
        }
        return 0;
    }
}
