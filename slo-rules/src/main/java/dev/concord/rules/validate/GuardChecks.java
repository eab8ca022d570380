package dev.concord.rules.validate;

import dev.concord.rules.model.GuardSignal;

final class GuardChecks {

    private GuardChecks() {}

    static void check(GuardSignal guard, Findings findings) {
        if (guard.source() instanceof GuardSignal.PromQl promql) {
            String scheme = promql.endpoint().getScheme();
            if (promql.endpoint().getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                findings.error(
                        guard,
                        "spec.promql.endpoint",
                        "'" + promql.endpoint() + "' is not an http(s) URL; write e.g. http://127.0.0.1:9090");
            }
            if (promql.every().isZero()) {
                findings.error(guard, "spec.promql.every", "the poll interval must be longer than 0");
            }
        }
    }
}
