package dev.concord.rules.validate;

import dev.concord.rules.model.RuleDocument;
import dev.concord.rules.model.RuleSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Names are how documents refer to each other: each must be a DNS label and unique within its kind. */
final class NameChecks {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private NameChecks() {}

    static void check(RuleSet rules, Findings findings) {
        Map<String, RuleDocument> first = new HashMap<>();
        rules.builtInWindowTables().forEach(table -> first.put(table.kind() + "/" + table.name(), table));
        for (RuleDocument document : rules.documents()) {
            String name = document.name();
            if (!NAME.matcher(name).matches()) {
                findings.error(
                        document,
                        "metadata.name",
                        "'" + name + "' is not a valid name; use lower-case letters, digits and hyphens, e.g. "
                                + suggestion(name));
            }
            RuleDocument earlier = first.putIfAbsent(document.kind() + "/" + name, document);
            if (earlier != null) {
                findings.error(
                        document,
                        "metadata.name",
                        "duplicate " + document.kind() + " name '" + name + "'; first defined at "
                                + earlier.origin().at("metadata.name"));
            }
        }
    }

    private static String suggestion(String name) {
        String fixed = name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return fixed.isEmpty() ? "order-to-fulfillment" : fixed;
    }
}
