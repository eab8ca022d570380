package dev.concord.outputs.alertmanager;

import dev.concord.engine.slo.SloAlert;

/** A firing burn-rate alert is fired (the client re-sends it until it resolves); a resolved one is resolved. */
final class SloAlertDelivery implements AlertDelivery<SloAlert> {

    private final AlertLinks links;

    SloAlertDelivery(AlertLinks links) {
        this.links = links;
    }

    @Override
    public void deliver(SloAlert element, AlertmanagerClient client) {
        Alert alert = SloAlerts.toAlert(element, links.dashboardBaseUrl(), links.runbookUrl(), links.generatorUrl());
        if (alert.resolved()) {
            client.resolve(alert);
        } else {
            client.fire(alert);
        }
    }

    @Override
    public String describe(SloAlert element) {
        return element.slo();
    }
}
