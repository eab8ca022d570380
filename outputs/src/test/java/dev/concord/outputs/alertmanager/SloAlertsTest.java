package dev.concord.outputs.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.slo.SloAlert;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloAlertsTest {

    private static final long MINUTE_END = Instant.parse("2026-01-05T09:11:00Z").toEpochMilli();

    private static SloAlert alert(boolean firing, Map<String, String> annotations) {
        return new SloAlert(
                "o2f availability",
                "order-to-fulfillment",
                "aws",
                "us-east-1",
                "*",
                "page",
                60,
                5,
                14.4,
                firing,
                MINUTE_END,
                120,
                1000,
                0.5,
                Map.of("team", "fulfillment", "severity", "overridden"),
                annotations);
    }

    @Test
    void labelsIdentifyTheSloThePlaceAndTheWindowPairAndCannotBeOverriddenBySloLabels() {
        Alert a = SloAlerts.toAlert(alert(true, Map.of()), "http://grafana:3000/", "https://rb", "http://gen");

        assertThat(a.labels())
                .containsEntry("alertname", "SloBurnRateHigh")
                .containsEntry("severity", "page")
                .containsEntry("slo", "o2f availability")
                .containsEntry("cloud", "aws")
                .containsEntry("region", "us-east-1")
                .containsEntry("tenant", "*")
                .containsEntry("window", "1h/5m")
                .containsEntry("team", "fulfillment");
        assertThat(a.annotations())
                .containsEntry("runbook_url", "https://rb")
                .containsEntry(
                        "dashboard_url",
                        "http://grafana:3000/d/concord-slo-detail/concord-slo-detail?var-slo=o2f+availability"
                                + "&var-cloud=aws&var-region=us-east-1")
                .containsEntry(
                        "description",
                        "Burn rate 120.0 over 1h and 1000.0 over 5m (threshold 14.4); 50.0% of the period's budget left.");
        assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(MINUTE_END));
        assertThat(a.resolved()).isFalse();
    }

    @Test
    void aResolvingAlertEndsAtTheMinuteItResolvedAndKeepsTheSlosOwnRunbook() {
        Alert a = SloAlerts.toAlert(
                alert(false, Map.of("runbook_url", "https://runbooks.example.com/o2f")), "http://g", "https://rb", "");

        assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(MINUTE_END));
        assertThat(a.annotations()).containsEntry("runbook_url", "https://runbooks.example.com/o2f");
    }
}
