package dev.concord.cli.bench;

import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Drops what it receives after noting, for each record, the time of the timer that produced it and when it came. */
final class StampingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** The event time of the timer that emitted a record. */
    interface TimerTime<T> extends Serializable {
        long of(T record);
    }

    private final Probe.Kind kind;
    private final TimerTime<T> timerTime;

    StampingSink(Probe.Kind kind, TimerTime<T> timerTime) {
        this.kind = kind;
        this.timerTime = timerTime;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Probe.LongPairs arrivals = Probe.output(kind);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                if (kind != Probe.Kind.NONE) {
                    arrivals.add(timerTime.of(element), System.nanoTime());
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput) {
                    Probe.ended();
                }
            }

            @Override
            public void close() {}
        };
    }
}
