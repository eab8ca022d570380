package dev.concord.rules.load;

import dev.concord.rules.model.AlertSeverity;
import dev.concord.rules.model.WindowPair;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Window pairs as window tables and inline SLO alerting write them. */
final class WindowPairReader {

    static final String[] FIELDS = {"severity", "long", "short", "budget", "burnRate"};

    private WindowPairReader() {}

    static List<WindowPair> readAll(DocumentContext context, String path, Node node) {
        List<WindowPair> pairs = new ArrayList<>();
        context.list(path, node).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                context.map(path + "[" + i + "]", items.get(i), FIELDS)
                        .flatMap(WindowPairReader::read)
                        .ifPresent(pairs::add);
            }
        });
        return pairs;
    }

    private static Optional<WindowPair> read(MapReader pair) {
        AlertSeverity severity =
                pair.requiredChoice("severity", AlertSeverity.class, "severity").orElse(null);
        var longWindow = pair.requiredDuration("long").orElse(null);
        var shortWindow = pair.requiredDuration("short").orElse(null);
        List<String> given = pair.writtenAmong("budget", "burnRate");
        if (given.size() != 1) {
            pair.context()
                    .error(
                            pair.node(),
                            pair.path(),
                            "a window pair needs exactly one of budget (e.g. 2%) or burnRate (e.g. 14.4)");
            return Optional.empty();
        }
        BigDecimal budget = given.contains("budget") ? budget(pair).orElse(null) : null;
        BigDecimal burnRate =
                given.contains("burnRate") ? pair.number("burnRate").orElse(null) : null;
        if (severity == null || longWindow == null || shortWindow == null || (budget == null && burnRate == null)) {
            return Optional.empty();
        }
        return Optional.of(new WindowPair(severity, longWindow, shortWindow, budget, burnRate));
    }

    private static Optional<BigDecimal> budget(MapReader pair) {
        return pair.value("budget")
                .flatMap(node -> pair.context()
                        .string(pair.child("budget"), node)
                        .flatMap(text -> {
                            Optional<BigDecimal> share = Numbers.parsePercent(text);
                            if (share.isEmpty()) {
                                pair.context()
                                        .error(
                                                node,
                                                pair.child("budget"),
                                                "'" + text
                                                        + "' is not a share of the budget; write a percentage such as 2%");
                            }
                            return share;
                        }));
    }
}
