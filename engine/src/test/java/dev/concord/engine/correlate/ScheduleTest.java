package dev.concord.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final long MINUTE = Schedule.BUCKET_MILLIS;

    private record Entry(long time, String key) {}

    private final Set<String> live = new HashSet<>();
    private final Schedule schedule = new Schedule((hash, key) -> {
        assertThat(hash).isEqualTo(key.hashCode());
        return live.contains(key);
    });

    private List<Entry> due(long watermark) {
        schedule.advanceTo(watermark);
        List<Entry> due = new ArrayList<>();
        while (schedule.hasDue(watermark)) {
            assertThat(schedule.headHash()).isEqualTo(schedule.headKey().hashCode());
            due.add(new Entry(schedule.headTime(), schedule.headKey()));
            schedule.removeHead();
        }
        return due;
    }

    @Test
    void givesEveryEntryAtTheFirstWatermarkThatReachesItInTimeOrder() {
        Random random = new Random(11);
        List<Entry> pending = new ArrayList<>();
        long watermark = 0;
        for (int step = 0; step < 400; step++) {
            for (int i = 0; i < 20; i++) {
                // due from just behind the watermark to twenty minutes ahead
                Entry entry = new Entry(watermark - 1_000 + random.nextInt(20 * (int) MINUTE), "k" + step + "-" + i);
                live.add(entry.key());
                pending.add(entry);
                schedule.add(entry.time(), entry.key());
            }
            watermark += random.nextInt(10_000);
            long reached = watermark;
            List<Entry> expected = pending.stream()
                    .filter(entry -> entry.time() <= reached)
                    .sorted(Comparator.comparingLong(Entry::time))
                    .toList();
            List<Entry> given = due(watermark);

            assertThat(given).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(given).isSortedAccordingTo(Comparator.comparingLong(Entry::time));
            pending.removeAll(given);
            assertThat(schedule.size()).isEqualTo(pending.size());
        }
        assertThat(due(Long.MAX_VALUE)).containsExactlyInAnyOrderElementsOf(pending);
        assertThat(schedule.size()).isZero();
    }

    @Test
    void entriesOfOneWatermarkComeOutInTimeOrderAcrossBuckets() {
        live.addAll(List.of("a", "b", "c", "d"));
        schedule.add(3 * MINUTE + 5, "d");
        schedule.add(MINUTE + 7, "b");
        schedule.add(2 * MINUTE, "c");
        schedule.add(MINUTE, "a");

        assertThat(due(3 * MINUTE + 5))
                .containsExactly(
                        new Entry(MINUTE, "a"),
                        new Entry(MINUTE + 7, "b"),
                        new Entry(2 * MINUTE, "c"),
                        new Entry(3 * MINUTE + 5, "d"));
    }

    @Test
    void anEntryAddedBehindTheWatermarkComesDueAtTheNextOne() {
        live.add("late");
        due(10 * MINUTE + 30_000);
        schedule.add(10 * MINUTE, "late");
        assertThat(schedule.size()).isEqualTo(1);

        assertThat(due(10 * MINUTE + 30_001)).containsExactly(new Entry(10 * MINUTE, "late"));
    }

    @Test
    void anEntryWhoseKeyIsNoLongerLiveWhenItsMinuteComesIsDropped() {
        live.add("open");
        schedule.add(15 * MINUTE, "decided");
        schedule.add(15 * MINUTE + 1, "open");
        assertThat(schedule.size()).isEqualTo(2);

        assertThat(due(15 * MINUTE)).isEmpty();
        assertThat(schedule.size()).as("the stale entry left with its bucket").isEqualTo(1);
        assertThat(due(15 * MINUTE + 1)).containsExactly(new Entry(15 * MINUTE + 1, "open"));
        assertThat(schedule.size()).isZero();
    }

    @Test
    void theFinalWatermarkEmptiesItWithoutOverflowing() {
        live.add("last");
        schedule.add(Long.MAX_VALUE - 1, "last");
        schedule.add(Long.MIN_VALUE + 1, "last");

        assertThat(due(Long.MAX_VALUE)).hasSize(2);
        schedule.add(Long.MAX_VALUE, "last");
        assertThat(due(Long.MAX_VALUE)).containsExactly(new Entry(Long.MAX_VALUE, "last"));
    }
}
