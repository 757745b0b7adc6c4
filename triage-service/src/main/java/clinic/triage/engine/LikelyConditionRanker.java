package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Condition;
import clinic.events.triage.LikelyCondition;

import java.util.ArrayList;
import java.util.List;

/**
 * Ranks all five likely conditions by a transparent integer score: the sum of the points of the signs
 * that hold, each listed as evidence ("+ ..." for, "- ..." against). Ties go to the condition that most
 * needs ruling out first ({@link #TIE_BREAK}). A score, not a diagnosis.
 * <p>
 * A condition's score and evidence depend only on which of its signs hold, so every combination is
 * written once at construction; ranking a report then only tests the signs and sorts five entries.
 */
final class LikelyConditionRanker {

    static final List<Condition> TIE_BREAK = List.of(Condition.CALCANEAL_STRESS_FRACTURE,
            Condition.NERVE_ENTRAPMENT, Condition.PLANTAR_HEEL_PAIN, Condition.ACHILLES_TENDINOPATHY,
            Condition.HEEL_PAD_SYNDROME);

    /** Keeps the table of combinations small (2^12 entries per condition at most). */
    static final int MAX_SIGNS_PER_CONDITION = 12;

    private final Check[] checks;
    private final int[] slots;
    private final int[] bits;
    private final LikelyCondition[][] combinations;

    LikelyConditionRanker(List<ConditionSign> signs) {
        int conditions = TIE_BREAK.size();
        checks = new Check[signs.size()];
        slots = new int[signs.size()];
        bits = new int[signs.size()];
        List<List<ConditionSign>> bySlot = new ArrayList<>(conditions);
        for (int slot = 0; slot < conditions; slot++) {
            bySlot.add(new ArrayList<>());
        }
        for (int i = 0; i < signs.size(); i++) {
            ConditionSign sign = signs.get(i);
            checks[i] = sign.when();
            slots[i] = TIE_BREAK.indexOf(sign.condition());
            bits[i] = 1 << bySlot.get(slots[i]).size();
            bySlot.get(slots[i]).add(sign);
        }
        combinations = new LikelyCondition[conditions][];
        for (int slot = 0; slot < conditions; slot++) {
            combinations[slot] = writeCombinations(TIE_BREAK.get(slot), bySlot.get(slot));
        }
    }

    private static LikelyCondition[] writeCombinations(Condition condition, List<ConditionSign> signs) {
        if (signs.size() > MAX_SIGNS_PER_CONDITION) {
            throw new IllegalArgumentException(condition + " has more than " + MAX_SIGNS_PER_CONDITION + " signs");
        }
        LikelyCondition[] table = new LikelyCondition[1 << signs.size()];
        for (int mask = 0; mask < table.length; mask++) {
            int score = 0;
            List<String> evidence = new ArrayList<>();
            for (int i = 0; i < signs.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    score += signs.get(i).points();
                    evidence.add(signs.get(i).evidenceLine());
                }
            }
            table[mask] = new LikelyCondition(condition, score, evidence);
        }
        return table;
    }

    List<LikelyCondition> rank(IntakeAnswers answers) {
        int[] masks = new int[combinations.length];
        for (int i = 0; i < checks.length; i++) {
            if (checks[i].test(answers)) {
                masks[slots[i]] |= bits[i];
            }
        }
        LikelyCondition[] ranked = new LikelyCondition[combinations.length];
        for (int slot = 0; slot < ranked.length; slot++) { // insertion sort: stable, so ties keep TIE_BREAK order
            LikelyCondition next = combinations[slot][masks[slot]];
            int j = slot;
            while (j > 0 && ranked[j - 1].score() < next.score()) {
                ranked[j] = ranked[j - 1];
                j--;
            }
            ranked[j] = next;
        }
        return List.of(ranked);
    }
}
