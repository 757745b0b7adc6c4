package clinic.benchmarks;

import clinic.events.intake.IntakeAnswers;
import clinic.triage.engine.TriageEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A cross-check of {@link TriageEngineBenchmark} for a busy machine: decisions per second of the measuring
 * thread's own CPU time, so time the thread spends waiting for a core (other builds running) does not count.
 * Same reports as the JMH benchmark. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar clinic.benchmarks.CpuTimeThroughput}.
 */
public final class CpuTimeThroughput {

    private static final int REPORTS = 4096;

    private CpuTimeThroughput() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        TriageEngine engine = TriageEngine.standard();
        IntakeAnswers[] reports = Reports.varied(REPORTS, 20260428L);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long sink = 0;
        for (int warmUp = 0; warmUp < 5_000_000; warmUp++) {
            sink += engine.evaluate(reports[warmUp & (REPORTS - 1)]).rulesFired().size();
        }
        for (int round = 1; round <= rounds; round++) {
            int decisions = 2_000_000;
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (int i = 0; i < decisions; i++) {
                sink += engine.evaluate(reports[i & (REPORTS - 1)]).rulesFired().size();
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf("round %2d: %,.0f decisions per CPU second (%,.0f per wall-clock second)%n", round,
                    decisions / cpuSeconds, decisions / wallSeconds);
        }
        System.out.println(sink == 42 ? "" : "done");
    }
}
