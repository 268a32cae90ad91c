package dev.migrateops.slack.view;

import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunSteps;
import dev.migrateops.run.StatusSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The status update: short, the same shape every time, easy to scan in a busy channel (SLACK-UX.md).
 * A pure function of the run and its snapshot.
 */
final class StatusUpdateView {

    private StatusUpdateView() {
    }

    public static String text(MigrationRun run, StatusSnapshot s) {
        List<RunSteps.Step> steps = s.steps();
        String done = steps.stream().filter(step -> step.finishedAt() != null)
                .map(step -> Mrkdwn.escape(step.name()) + " " + human(step.duration(s.at()))).collect(Collectors.joining(" · "));
        String now = steps.stream().filter(step -> step.finishedAt() == null).findFirst()
                .map(step -> "Now: " + Mrkdwn.escape(step.name()) + " for " + human(step.duration(s.at()))).orElse(null);
        StringBuilder text = new StringBuilder("🕒 Status update #" + s.number() + " — " + run.target() + " run " + run.label() + " — "
                + run.state() + " (T+" + tPlus(s.sinceApproval()) + ")\n");
        if (s.missed() > 0) {
            text.append("Catching up: ").append(RunEventMessages.plural(s.missed(), "earlier update")).append(" could not be posted "
                    + "while MigrateOps, its database or Slack was away\n");
        }
        text.append("Done: ").append(done.isEmpty() ? "nothing yet" : done).append('\n');
        if (now != null) {
            text.append(now).append('\n');
        }
        steps.stream().filter(step -> step.finishedAt() == null).findFirst().map(LiveReplyView::cardLines)
                .filter(lines -> !lines.isEmpty()).ifPresent(lines -> text.append(lines).append('\n'));
        text.append("Approved by ").append(s.approvers().isEmpty() ? "policy (no approval needed)"
                : s.approvers().stream().map(Mrkdwn::mention).collect(Collectors.joining(", ")));
        s.backup().ifPresent(b -> text.append(" · backup ").append(Mrkdwn.escape(b)));
        text.append('\n');
        text.append("Health now: ").append(s.health().map(h -> Mrkdwn.escape(h.describe())).orElse("unavailable — " + Mrkdwn.escape(s.healthProblem())))
                .append('\n');
        text.append("Next update at ").append(RunEventMessages.time(s.nextAt())).append(" (in ")
                .append(human(Duration.between(s.at(), s.nextAt()))).append(") · `/migrate status ").append(run.id()).append('`');
        return text.toString();
    }

    static String human(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    private static String tPlus(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return (minutes / 60) + "h" + String.format("%02d", minutes % 60);
    }
}
