package dev.concord.outputs.alertmanager;

import java.io.Serializable;
import java.util.Objects;

/** Where an alert points its reader: the dashboards, the runbook and the job that generated it. */
public record AlertLinks(String dashboardBaseUrl, String runbookUrl, String generatorUrl) implements Serializable {

    public static final AlertLinks DEFAULT = new AlertLinks(
            "http://localhost:3000",
            "https://github.com/concord-dev/concord/blob/main/docs/outputs.md#alerts",
            "http://localhost:8081/#/overview");

    public AlertLinks {
        Objects.requireNonNull(dashboardBaseUrl, "dashboardBaseUrl");
        Objects.requireNonNull(runbookUrl, "runbookUrl");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
    }
}
