package dev.concord.cli.demo;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloSnapshot;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's view of the running pipeline. On a terminal: the status table and a progress bar of simulated time,
 * redrawn in place with ANSI cursor movement, with pages and decisions printed above them as they happen. Elsewhere
 * (CI, a pipe): the same lines as they happen, and the table at a few checkpoints of simulated time, without an
 * escape code.
 */
final class LiveView {

    static final String ESC = "\u001b[";
    private static final int BAR_WIDTH = 48;
    private static final int CHECKPOINTS = 4;

    private final PrintWriter out;
    private final boolean ansi;
    private final Timeline timeline;
    private final StatusBoard board = new StatusBoard();
    private int drawnLines;
    private int checkpointsShown;

    LiveView(PrintWriter out, boolean ansi, Timeline timeline) {
        this.out = out;
        this.ansi = ansi;
        this.timeline = timeline;
    }

    /** Takes what the pipeline emitted since the last call and shows it. */
    void show(List<Object> records) {
        List<String> happened = new ArrayList<>();
        for (Object record : records) {
            if (record instanceof SloSnapshot snapshot) {
                board.accept(snapshot);
            } else if (record instanceof SloAlert || record instanceof DecisionRecord) {
                Narration.live(record, timeline).ifPresent(happened::add);
            }
        }
        if (ansi) {
            if (records.isEmpty()) {
                return;
            }
            erase();
            happened.forEach(out::println);
            draw();
        } else {
            happened.forEach(out::println);
            int reached = checkpointsReached();
            if (reached > checkpointsShown && reached < CHECKPOINTS) {
                checkpointsShown = reached;
                frame().forEach(out::println);
            }
        }
        out.flush();
    }

    /** The last frame, left on the screen above the summary. */
    void finish() {
        if (ansi) {
            erase();
        }
        frame().forEach(out::println);
        drawnLines = 0;
        out.println();
        out.flush();
    }

    private void draw() {
        List<String> frame = frame();
        frame.forEach(out::println);
        drawnLines = frame.size();
    }

    /** Moves to the first line of the last frame and clears from there down. */
    private void erase() {
        if (drawnLines > 0) {
            out.print(ESC + drawnLines + "F" + ESC + "J");
        }
    }

    private int checkpointsReached() {
        long span = timeline.end().toEpochMilli() - timeline.start().toEpochMilli();
        long done = board.simulatedUntil() - timeline.start().toEpochMilli();
        return span <= 0 || done <= 0 ? 0 : (int) Math.min(CHECKPOINTS, done * CHECKPOINTS / span);
    }

    List<String> frame() {
        List<String> lines = new ArrayList<>();
        lines.add(progress());
        lines.addAll(board.render());
        return lines;
    }

    String progress() {
        long start = timeline.start().toEpochMilli();
        long end = timeline.end().toEpochMilli();
        long now = Math.max(start, Math.min(end, board.simulatedUntil()));
        int filled = end > start ? (int) ((now - start) * BAR_WIDTH / (end - start)) : 0;
        char[] bar = new char[BAR_WIDTH];
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar[i] = i < filled ? '#' : '.';
        }
        if (timeline.onset() != null && end > start) {
            int at = (int) ((timeline.onset().toEpochMilli() - start) * BAR_WIDTH / (end - start));
            if (at >= 0 && at < BAR_WIDTH) {
                bar[at] = '|';
            }
        }
        return String.format(
                Locale.ROOT,
                "simulated %s [%s] %s  now %s%s",
                Timeline.clock(start),
                new String(bar),
                Timeline.clock(end),
                board.simulatedUntil() == 0 ? "--:--" : Timeline.clock(now),
                timeline.onset() == null
                        ? ""
                        : "  (| fault at " + Timeline.clock(timeline.onset().toEpochMilli()) + ")");
    }
}
