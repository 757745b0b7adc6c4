package clinic.bench.load;

/**
 * One step of the rate search, judged. Sustained means both sides kept up:
 * <ul>
 * <li>HTTP: no request failed or was refused, the 202s came at 90% or more of the scheduled rate, and their p99
 * (from the scheduled send) stayed within the limit;</li>
 * <li>pipeline: the backlog did not grow during the step (growing = its slope above 10% of the rate and more than
 * one second's worth of reports queued at the end; the second condition keeps the jitter of a small, level
 * backlog from counting), and within the drain window after the last 202 every accepted report was decided and
 * notified and every email sent (see {@link PipelineDrain}).</li>
 * </ul>
 */
record StepResult(StepRecord record, double httpP50, double httpP99, double backlogGrowth, double endBacklog,
                  PipelineDrain.Outcome drain, double httpP99LimitMs, PlatformCpu cpu) {

    static final double MIN_ACHIEVED_SHARE = 0.90;
    static final double MAX_BACKLOG_GROWTH_SHARE = 0.10;

    boolean httpKeptUp() {
        return record.errors() == 0 && record.achievedRate() >= MIN_ACHIEVED_SHARE * record.rate
                && httpP99 <= httpP99LimitMs;
    }

    boolean backlogGrowing() {
        return !Double.isNaN(backlogGrowth) && backlogGrowth > MAX_BACKLOG_GROWTH_SHARE * record.rate
                && endBacklog > record.rate;
    }

    boolean pipelineKeptUp() {
        return drain.caughtUp() && !backlogGrowing();
    }

    boolean sustained() {
        return httpKeptUp() && pipelineKeptUp();
    }

    /** Why a step was not sustained, in a few words for the table. */
    String verdict() {
        if (sustained()) {
            return "yes";
        }
        StringBuilder why = new StringBuilder("NO:");
        if (record.errors() > 0) {
            why.append(" ").append(record.errors()).append(" errors");
        }
        if (record.achievedRate() < MIN_ACHIEVED_SHARE * record.rate) {
            why.append(" http behind");
        }
        if (httpP99 > httpP99LimitMs) {
            why.append(" http p99");
        }
        if (backlogGrowing()) {
            why.append(" backlog growing");
        }
        if (!drain.caughtUp()) {
            why.append(" not drained (").append(drain.undecided()).append(" undecided, ")
                    .append(drain.unnotified()).append(" unnotified, ")
                    .append(drain.last().deliveriesPending()).append(" emails pending)");
        }
        return why.toString();
    }
}
