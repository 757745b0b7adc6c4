package clinic.bench.load;

import clinic.events.intake.IntakeAnswers;
import clinic.triage.engine.TriageEngine;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The request bodies the load sends, serialised once up front so that building JSON does not take CPU from the
 * platform under test (both run on the same machine). Each block of 50 holds the mix exactly, in an
 * order shuffled once from a fixed seed, and every class has a few different answer sets so the rules engine
 * does not see one report over and over. Each variant is checked against the real triage engine when the mix
 * is built: a rule change that moved a variant to another disposition would otherwise skew the mix silently.
 */
final class ReportMix {

    private static final int BLOCKS = 20;

    private final byte[][] bodies;
    private final ReportClass[] classes;

    private ReportMix(byte[][] bodies, ReportClass[] classes) {
        this.bodies = bodies;
        this.classes = classes;
    }

    static ReportMix standard(JsonMapper json) {
        Map<ReportClass, List<Consumer<Map<String, Object>>>> variants = variants();
        verify(json, variants);
        Random random = new Random(20261205L);
        List<byte[]> bodies = new ArrayList<>();
        List<ReportClass> classes = new ArrayList<>();
        int serial = 0;
        for (int block = 0; block < BLOCKS; block++) {
            List<ReportClass> order = new ArrayList<>();
            for (ReportClass c : ReportClass.values()) {
                order.addAll(Collections.nCopies(c.perBlock, c));
            }
            Collections.shuffle(order, random);
            for (ReportClass c : order) {
                List<Consumer<Map<String, Object>>> ofClass = variants.get(c);
                Map<String, Object> report = base(serial);
                ofClass.get(serial % ofClass.size()).accept(report);
                bodies.add(json.writeValueAsBytes(report));
                classes.add(c);
                serial++;
            }
        }
        return new ReportMix(bodies.toArray(byte[][]::new), classes.toArray(ReportClass[]::new));
    }

    byte[] body(long i) {
        return bodies[(int) (i % bodies.length)];
    }

    ReportClass classOf(long i) {
        return classes[(int) (i % classes.length)];
    }

    /** A body of the given class, for the raw Kafka baseline's fallback when no real event can be read. */
    byte[] firstOf(ReportClass c) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == c) {
                return bodies[i];
            }
        }
        throw new IllegalStateException("no " + c + " in the mix");
    }

    /** Each variant changes the quiet base report just enough to land in its class. */
    private static Map<ReportClass, List<Consumer<Map<String, Object>>>> variants() {
        Map<ReportClass, List<Consumer<Map<String, Object>>>> v = new LinkedHashMap<>();
        v.put(ReportClass.SELF_CARE, List.of(
                r -> { },                                              // plantar heel pain after more mileage
                r -> {                                                 // Achilles, stable, no rest pain
                    r.put("painLocation", "BACK_OF_HEEL");
                    r.put("tenderBackOfHeelToPressure", true);
                    r.put("worstOnFirstStepsAfterRest", false);
                    r.put("recentLoadChanges", List.of("HILLS"));
                },
                r -> {                                                 // heel pad, hard surfaces
                    r.put("painLocation", "CENTER_OF_HEEL");
                    r.put("painQualities", List.of("DEEP_BRUISE_LIKE"));
                    r.put("recentLoadChanges", List.of("HARDER_SURFACE"));
                },
                r -> r.put("trend", "IMPROVING")));
        v.put(ReportClass.URGENT_REVIEW, List.of(
                r -> r.put("symptoms", List.of("NUMBNESS")),
                r -> r.put("symptoms", List.of("FEVER")),
                r -> r.put("painScore", 8),
                r -> r.put("canWalkNormally", false),
                r -> r.put("painOnSqueezingHeelSides", true)));
        v.put(ReportClass.ROUTINE_REVIEW, List.of(
                r -> r.put("hasDiabetes", true),
                r -> r.put("painQualities", List.of("BURNING")),
                r -> {
                    r.put("weeksOfLoadReductionAndRehab", 4);
                    r.put("returnsWhenRunningResumes", true);
                    r.put("symptomDurationDays", 60);
                }));
        v.put(ReportClass.EMERGENCY, List.of(
                r -> {
                    r.put("painLocation", "BACK_OF_HEEL");
                    r.put("suddenOnsetWithPopOrSnap", true);
                }));
        return v;
    }

    private static void verify(JsonMapper json, Map<ReportClass, List<Consumer<Map<String, Object>>>> variants) {
        TriageEngine engine = TriageEngine.standard();
        variants.forEach((expected, list) -> {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> report = base(i);
                list.get(i).accept(report);
                report.remove("patient"); // not part of the answers the engine reads
                IntakeAnswers answers = json.convertValue(report, IntakeAnswers.class);
                String got = engine.evaluate(answers).disposition().name();
                if (!got.equals(expected.name())) {
                    throw new IllegalStateException(expected + " variant " + i + " is decided " + got
                            + " by the triage engine: fix ReportMix");
                }
            }
        });
    }

    /**
     * The example case "typical plantar heel pain after a mileage increase" (SELF_CARE), with a patient of its
     * own per serial number; 20 mailboxes keep the local mail server's memory bounded.
     */
    private static Map<String, Object> base(int serial) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("patient", Map.of("externalId", "LOAD-" + serial, "name", "Load Test",
                "email", "load-" + (serial % 20) + "@example.org"));
        r.put("ageYears", 41);
        r.put("hasDiabetes", false);
        r.put("painLocation", "BOTTOM_INNER_HEEL");
        r.put("painQualities", List.of("SHARP"));
        r.put("symptoms", List.of());
        r.put("worstOnFirstStepsAfterRest", true);
        r.put("easesOnceMoving", true);
        r.put("worseWithActivity", false);
        r.put("painAtRest", "NONE");
        r.put("painScore", 5);
        r.put("trend", "STABLE");
        r.put("worseningDespiteReducedLoad", false);
        r.put("canWalkNormally", true);
        r.put("canRunNormally", true);
        r.put("painOnSqueezingHeelSides", false);
        r.put("tenderBackOfHeelToPressure", false);
        r.put("suddenOnsetWithPopOrSnap", false);
        r.put("recentLoadChanges", List.of("MILEAGE"));
        r.put("symptomDurationDays", 10);
        r.put("weeksOfLoadReductionAndRehab", 0);
        r.put("returnsWhenRunningResumes", false);
        return r;
    }
}
