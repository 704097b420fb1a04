package com.centralstation.verification.app.web.board;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.BoardItem;
import com.centralstation.verification.core.domain.BoardPage;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.ResponseTime;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A board page as the template shows it: life-safety alarms pinned above the others, each line's age with its band
 * in words beside its colour, and what the logged-in user may do with its task.
 *
 * @param asOfMillis   the service's clock when the page was read; the browser ages lines from it
 * @param bucketBounds the bands' upper bounds in seconds (the browser moves a line to its next band as it ages)
 * @param bucketLabels the bands' names, in the same order
 */
public record BoardView(long asOfMillis, String bucketBounds, String bucketLabels, long lineSeconds, List<Line> lifeSafety, List<Line> others,
                        List<BucketCount> buckets, List<ClassCount> classes, long total, Optional<String> next) {

    /** The life-safety gauge runs to this many seconds; its red line is at {@link BoardItem#LIFE_SAFETY_LINE}. */
    public static final long GAUGE_SECONDS = 120;

    /** One verification on the board. */
    public record Line(String verificationId, String classCode, String classLabel, boolean lifeSafety, String trigger,
                       String location, String site, String stage, String stateText, String contact, long receivedAtMillis,
                       String age, int bucket, String bucketLabel, boolean pastLine, long gaugeValue, String lineText,
                       String nextEscalation, String taskId, String taskName, String holder, boolean heldByMe,
                       boolean claimable, String summary) {
    }

    /** How many lines are in one band. */
    public record BucketCount(int bucket, String label, long count) {
    }

    /** How many lines are in one class. */
    public record ClassCount(String code, String label, long count) {
    }

    public static BoardView of(BoardPage page, String user, ZoneId zone) {
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(zone);
        List<Line> lines = page.items().stream().map(item -> line(item, user, clock)).toList();
        String bounds = Arrays.stream(ResponseTime.values()).map(ResponseTime::upperBound).flatMap(Optional::stream)
                .map(bound -> String.valueOf(bound.toSeconds())).collect(Collectors.joining(","));
        String labels = Arrays.stream(ResponseTime.values()).map(ResponseTime::label).collect(Collectors.joining(","));
        return new BoardView(page.asOf().toEpochMilli(), bounds, labels, BoardItem.LIFE_SAFETY_LINE.toSeconds(),
                lines.stream().filter(Line::lifeSafety).toList(), lines.stream().filter(line -> !line.lifeSafety()).toList(),
                Arrays.stream(ResponseTime.values())
                        .map(band -> new BucketCount(band.ordinal(), band.label(), page.counts().ofBucket(band))).toList(),
                Arrays.stream(AlarmClass.values())
                        .map(alarmClass -> new ClassCount(alarmClass.code(), label(alarmClass), page.counts().ofClass(alarmClass)))
                        .toList(),
                page.counts().total(), page.next().map(cursor -> cursor.token()));
    }

    public int shown() {
        return lifeSafety.size() + others.size();
    }

    private static Line line(BoardItem item, String user, DateTimeFormatter clock) {
        var open = item.verification();
        boolean lifeSafety = open.alarmClass() == AlarmClass.LIFE_SAFETY;
        Optional<OperatorTask> task = item.operatorTask();
        String holder = task.flatMap(OperatorTask::holder).orElse(null);
        String contact = item.currentContact().map(current -> current.name() + " (" + current.position() + " of " + current.of()
                + ")" + current.channel().map(channel -> ", " + channel).orElse("")
                + (current.delivered() ? "" : ", not reached")).orElse(null);
        String where = open.location().map(location -> " at " + location).orElse("");
        return new Line(open.verificationId().toString(), open.alarmClass().code(), label(open.alarmClass()), lifeSafety,
                open.trigger(), open.location().orElse(null),
                open.site().dealerId() + " / " + open.site().siteId() + open.siteName().map(name -> " " + name).orElse(""),
                item.stage().code(), item.stateText(), contact, open.receivedAt().toEpochMilli(), age(item.age()),
                item.bucket().ordinal(), item.bucket().label(), item.pastLifeSafetyLine(),
                Math.min(GAUGE_SECONDS, item.age().toSeconds()), lineText(item.age()),
                item.nextEscalation().map(clock::format).orElse(null),
                task.map(OperatorTask::taskId).orElse(null), task.map(OperatorTask::name).orElse(null), holder,
                holder != null && holder.equals(user), task.isPresent() && holder == null,
                label(open.alarmClass()) + " alarm: " + open.trigger() + where + ", site " + open.site().dealerId() + " / "
                        + open.site().siteId());
    }

    static String label(AlarmClass alarmClass) {
        return switch (alarmClass) {
            case LIFE_SAFETY -> "Life safety";
            case HIGH -> "High";
            case NORMAL -> "Normal";
        };
    }

    /** "4 min 05 s": words a screen reader says right, short enough for a wall. */
    static String age(Duration age) {
        long seconds = age.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + String.format(Locale.ROOT, "%02d", seconds % 60) + " s";
    }

    static String lineText(Duration age) {
        long left = BoardItem.LIFE_SAFETY_LINE.toSeconds() - age.toSeconds();
        return left >= 0 ? left + " s to the 90 s line" : "past the 90 s line by " + age(Duration.ofSeconds(-left));
    }
}
