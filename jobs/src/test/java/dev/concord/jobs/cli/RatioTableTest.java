package dev.concord.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.jobs.ratio.MinuteSuccessRatio;
import dev.concord.simulator.SimulationSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatioTableTest {

    private static final long NINE = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
    private static final long NINE_O_ONE = NINE + 60_000;

    @Test
    void rendersOneRowPerMinuteWithThePrimaryCloudFirstAndFlagsDegradedCells() throws IOException {
        List<MinuteSuccessRatio> rows = List.of(
                new MinuteSuccessRatio("order-to-fulfillment", "gcp", "us-central1", NINE_O_ONE, 30, 30, 1.0),
                new MinuteSuccessRatio("order-to-fulfillment", "aws", "us-east-1", NINE_O_ONE, 30, 3, 0.1),
                new MinuteSuccessRatio("order-to-fulfillment", "aws", "us-east-1", NINE, 30, 29, 29 / 30.0),
                new MinuteSuccessRatio("order-to-fulfillment", "azure", "eastus", NINE, 4, 4, 1.0));

        String table = new RatioTable(SimulationSettings.demo(1)).render(rows);

        assertThat(table).isEqualTo(golden("ratio-table.txt"));
    }

    @Test
    void saysSoWhenNoTransactionWasSeen() {
        assertThat(new RatioTable(SimulationSettings.demo(1)).render(List.of()))
                .isEqualTo("no transactions were seen\n");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = RatioTableTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
