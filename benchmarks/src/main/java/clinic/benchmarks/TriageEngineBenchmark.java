package clinic.benchmarks;

import clinic.events.intake.IntakeAnswers;
import clinic.triage.engine.TriageEngine;
import clinic.triage.engine.TriageOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Decisions per second of the heel-pain triage engine on one thread: {@link #decide} cycles through 4,096
 * varied reports generated up front (so report generation is not measured); {@link #decideWorstCase}
 * decides the report that fires every rule. Run it from the packaged jar, never as part of the build:
 * {@code java -jar benchmarks/target/benchmarks.jar TriageEngineBenchmark -f 1 -wi 5 -i 10}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class TriageEngineBenchmark {

    private static final int REPORTS = 4096; // a power of two, so the index wraps with a mask

    private TriageEngine engine;
    private IntakeAnswers[] reports;
    private IntakeAnswers worstCase;
    private int next;

    @Setup
    public void setUp() {
        engine = TriageEngine.standard();
        reports = Reports.varied(REPORTS, 20260428L);
        worstCase = Reports.everything();
    }

    @Benchmark
    public TriageOutcome decide() {
        IntakeAnswers answers = reports[next];
        next = (next + 1) & (REPORTS - 1);
        return engine.evaluate(answers);
    }

    @Benchmark
    public TriageOutcome decideWorstCase() {
        return engine.evaluate(worstCase);
    }
}
