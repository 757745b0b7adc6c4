package clinic.benchmarks;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

/**
 * Varied intake answers for the benchmark, generated once from a fixed seed: mostly quiet reports (as in a
 * real clinic), some with review triggers, some with one or more red flags, a few emergencies.
 */
final class Reports {

    private Reports() {
    }

    static IntakeAnswers[] varied(int count, long seed) {
        Random r = new Random(seed);
        IntakeAnswers[] reports = new IntakeAnswers[count];
        for (int i = 0; i < count; i++) {
            reports[i] = report(r);
        }
        return reports;
    }

    /** Every red flag and review trigger at once: the most work one report can cause. */
    static IntakeAnswers everything() {
        return new IntakeAnswers(12, true, PainLocation.UNSURE, EnumSet.allOf(PainQuality.class),
                EnumSet.allOf(Symptom.class), true, true, true, PainAtRest.SIGNIFICANT, 10, Trend.WORSENING, true,
                false, false, true, true, true, EnumSet.allOf(LoadChange.class), 100, 6, true);
    }

    private static IntakeAnswers report(Random r) {
        boolean flagged = r.nextInt(4) == 0;
        return new IntakeAnswers(
                r.nextInt(20) == 0 ? 10 + r.nextInt(6) : 16 + r.nextInt(70),
                r.nextInt(10) == 0,
                pick(r, PainLocation.values()),
                subset(r, PainQuality.class, 3),
                flagged && r.nextBoolean() ? subset(r, Symptom.class, 4) : Set.of(),
                r.nextBoolean(),
                r.nextBoolean(),
                r.nextBoolean(),
                flagged ? pick(r, PainAtRest.values()) : r.nextBoolean() ? PainAtRest.NONE : PainAtRest.MILD,
                flagged ? r.nextInt(11) : r.nextInt(7),
                pick(r, Trend.values()),
                flagged && r.nextInt(4) == 0,
                !flagged || r.nextInt(3) != 0,
                !flagged || r.nextInt(3) != 0,
                flagged && r.nextInt(3) == 0,
                r.nextBoolean(),
                flagged && r.nextInt(10) == 0,
                subset(r, LoadChange.class, 4),
                r.nextInt(120),
                r.nextInt(6),
                r.nextBoolean());
    }

    private static <E> E pick(Random r, E[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <E extends Enum<E>> Set<E> subset(Random r, Class<E> type, int oneIn) {
        Set<E> set = EnumSet.noneOf(type);
        for (E value : type.getEnumConstants()) {
            if (r.nextInt(oneIn) == 0) {
                set.add(value);
            }
        }
        return set;
    }
}
