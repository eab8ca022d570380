package dev.concord.engine.decide;

import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Decision ids and times as records write them. */
public final class DecisionIds {

    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DecisionIds() {}

    /**
     * {@code POLICY/SCOPE/TIME}, for example {@code web-api/aws.us-east-1/20260105T101200Z}: readable on a command
     * line, unique per policy and scope and instant, and routable to its policy by the part before the first slash.
     */
    public static String of(String policy, DecisionScope scope, long atMillis) {
        StringBuilder id = new StringBuilder(policy).append('/').append(scope.cloud());
        if (scope.region() != null) {
            id.append('.').append(scope.region());
        }
        if (scope.tenant() != null) {
            id.append(".tenant-").append(scope.tenant());
        }
        return id.append('/')
                .append(COMPACT.format(Instant.ofEpochMilli(atMillis)))
                .toString();
    }

    public static String rfc3339(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
