package dev.concord.rules.load;

import dev.concord.rules.model.Metadata;
import dev.concord.rules.model.WindowTable;
import java.util.List;

final class WindowTableReader {

    static final String[] FIELDS = {"description", "period", "windows"};

    private WindowTableReader() {}

    static WindowTable read(Metadata metadata, MapReader spec) {
        var period = spec.requiredDuration("period").orElse(null);
        var windows = spec.has("windows")
                ? WindowPairReader.readAll(
                        spec.context(),
                        spec.child("windows"),
                        spec.value("windows").orElseThrow())
                : spec.<List<dev.concord.rules.model.WindowPair>>missing("windows")
                        .orElse(List.of());
        return new WindowTable(
                metadata,
                spec.string("description").orElse(""),
                period,
                windows,
                spec.context().origin());
    }
}
