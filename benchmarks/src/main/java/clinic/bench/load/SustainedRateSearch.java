package clinic.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the highest rate the platform sustains: steps up a ladder of rates until one is not sustained, then
 * runs one step halfway between the last sustained rate and the failed one, if they are more than 15% apart.
 * If even the first rate fails, it halves the rate (twice at most) so that there is something to measure at.
 */
final class SustainedRateSearch {

    private final LoadStep step;
    private final Duration duration;
    private final Duration drainWindow;
    private final Duration settleLimit;
    private final Consumer<StepResult> progress;
    private final List<StepResult> steps = new ArrayList<>();

    SustainedRateSearch(LoadStep step, Duration duration, Duration drainWindow, Duration settleLimit,
                        Consumer<StepResult> progress) {
        this.step = step;
        this.duration = duration;
        this.drainWindow = drainWindow;
        this.settleLimit = settleLimit;
        this.progress = progress;
    }

    /** The highest sustained rate (reports/s), 0 if none was. */
    double search(List<Double> ladder) throws InterruptedException {
        double best = 0;
        double failed = Double.NaN;
        for (double rate : ladder) {
            if (attempt(rate)) {
                best = rate;
            } else {
                failed = rate;
                break;
            }
        }
        if (best == 0 && !Double.isNaN(failed)) {
            for (double rate = failed / 2; rate >= failed / 4 && best == 0; rate /= 2) {
                if (attempt(rate)) {
                    best = rate;
                }
            }
        } else if (!Double.isNaN(failed) && failed > best * 1.15) {
            double middle = Math.round((best + failed) / 2 / 10) * 10.0;
            if (middle > best && middle < failed && attempt(middle)) {
                best = middle;
            }
        }
        return best;
    }

    private boolean attempt(double rate) throws InterruptedException {
        StepResult result = step.run(rate, duration, drainWindow);
        steps.add(result);
        progress.accept(result);
        if (!result.drain().caughtUp()) {
            step.settle(settleLimit); // the next step must not start on this one's backlog
        }
        return result.sustained();
    }

    List<StepResult> steps() {
        return steps;
    }
}
