package dev.concord.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeQueueTest {

    private record Entry(long time, String key) {}

    @Test
    void givesEntriesBackInTimeOrderWhateverOrderTheyCameIn() {
        Random random = new Random(7);
        TimeQueue queue = new TimeQueue();
        List<Entry> added = new ArrayList<>();
        List<Entry> polled = new ArrayList<>();
        // interleaved adds and polls, past the initial capacity, with repeated times
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 300; i++) {
                Entry entry = new Entry(random.nextInt(5_000), "k" + round + "-" + i);
                added.add(entry);
                queue.add(entry.time(), entry.key());
            }
            for (int i = 0; i < 100; i++) {
                assertThat(queue.headHash()).isEqualTo(queue.headKey().hashCode());
                polled.add(new Entry(queue.headTime(), queue.headKey()));
                queue.removeHead();
            }
        }
        assertThat(queue.size()).isEqualTo(4_000);
        List<Entry> rest = new ArrayList<>();
        while (!queue.isEmpty()) {
            rest.add(new Entry(queue.headTime(), queue.headKey()));
            queue.removeHead();
        }
        assertThat(rest).isSortedAccordingTo(Comparator.comparingLong(Entry::time));
        List<Entry> all = new ArrayList<>(polled);
        all.addAll(rest);
        assertThat(all).containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    void eachPollTakesTheEarliestTimeQueuedSoFar() {
        TimeQueue queue = new TimeQueue();
        queue.add(30, "c");
        queue.add(10, "a");
        queue.add(20, "b");
        assertThat(queue.headKey()).isEqualTo("a");
        queue.removeHead();
        queue.add(5, "z");
        assertThat(queue.headTime()).isEqualTo(5);
        queue.removeHead();
        assertThat(queue.headKey()).isEqualTo("b");
        queue.removeHead();
        queue.removeHead();
        assertThat(queue.isEmpty()).isTrue();
    }
}
