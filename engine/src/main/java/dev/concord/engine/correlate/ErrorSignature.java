package dev.concord.engine.correlate;

import dev.concord.ingest.model.LogRecord;
import java.util.regex.Pattern;

/**
 * The signature of an error log: its body with the parts that vary between occurrences (numbers, ids, quoted values)
 * replaced, so the same failure from many transactions reads as one line ("ERP connector: authentication failed for
 * user <n>").
 */
public final class ErrorSignature {

    /** OpenTelemetry's severity number for ERROR: below it a log is not an error. */
    public static final int MIN_SEVERITY_NUMBER = 17;

    static final int MAX_LENGTH = 160;

    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{12,}\\b");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ErrorSignature() {}

    /** True for a log at ERROR severity or above that names the trace it belongs to. */
    public static boolean applies(LogRecord log) {
        return log.severityNumber() >= MIN_SEVERITY_NUMBER && !log.traceId().isEmpty();
    }

    public static String of(String body) {
        String signature = UUID.matcher(body).replaceAll("<id>");
        signature = HEX.matcher(signature).replaceAll("<id>");
        signature = QUOTED.matcher(signature).replaceAll("<s>");
        signature = NUMBER.matcher(signature).replaceAll("<n>");
        signature = SPACES.matcher(signature).replaceAll(" ").strip();
        return signature.length() <= MAX_LENGTH ? signature : signature.substring(0, MAX_LENGTH);
    }
}
