package dev.concord.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** A harness's output as text, so a test can state the whole sequence of records, watermarks and statuses at once. */
public final class OutputText {

    private OutputText() {}

    /**
     * The output so far, in order, and cleared: a record as {@code record} writes it, then {@code beforeTimestamp}
     * and its timestamp; a watermark as {@code W} and its time; a status as {@code idle} or {@code active}.
     */
    public static <T> List<String> drain(
            AbstractStreamOperatorTestHarness<T> harness, Function<T, String> record, String beforeTimestamp) {
        List<String> seen = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> stamped) {
                @SuppressWarnings("unchecked")
                T value = (T) stamped.getValue();
                seen.add(record.apply(value) + beforeTimestamp + stamped.getTimestamp());
            } else if (element instanceof Watermark mark) {
                seen.add("W" + mark.getTimestamp());
            } else if (element instanceof WatermarkStatus status) {
                seen.add(status.isIdle() ? "idle" : "active");
            }
        }
        harness.getOutput().clear();
        return seen;
    }
}
