package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Condition;
import clinic.events.triage.LikelyCondition;

import java.util.ArrayList;
import java.util.List;

/**
 * Ranks all five likely conditions by a transparent integer score: the sum of the points of the signs
 * that hold, each listed as evidence ("+ ..." for, "- ..." against). Ties go to the condition that
 * most needs ruling out first ({@link #TIE_BREAK}). A score, not a diagnosis.
 */
final class LikelyConditionRanker {

    static final List<Condition> TIE_BREAK = List.of(Condition.CALCANEAL_STRESS_FRACTURE,
            Condition.NERVE_ENTRAPMENT, Condition.PLANTAR_HEEL_PAIN, Condition.ACHILLES_TENDINOPATHY,
            Condition.HEEL_PAD_SYNDROME);

    private final ConditionSign[] signs;
    private final String[] evidenceLines;
    private final int[] slots;

    LikelyConditionRanker(List<ConditionSign> signs) {
        this.signs = signs.toArray(ConditionSign[]::new);
        this.evidenceLines = signs.stream().map(ConditionSign::evidenceLine).toArray(String[]::new);
        this.slots = signs.stream().mapToInt(sign -> TIE_BREAK.indexOf(sign.condition())).toArray();
    }

    List<LikelyCondition> rank(IntakeAnswers answers) {
        int conditions = TIE_BREAK.size();
        int[] scores = new int[conditions];
        List<List<String>> evidence = new ArrayList<>(conditions);
        for (int i = 0; i < conditions; i++) {
            evidence.add(new ArrayList<>(4));
        }
        for (int i = 0; i < signs.length; i++) {
            if (signs[i].when().test(answers)) {
                scores[slots[i]] += signs[i].points();
                evidence.get(slots[i]).add(evidenceLines[i]);
            }
        }
        int[] order = new int[conditions];
        for (int i = 0; i < conditions; i++) { // insertion sort: stable, so ties keep TIE_BREAK order
            int j = i;
            while (j > 0 && scores[order[j - 1]] < scores[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        List<LikelyCondition> ranked = new ArrayList<>(conditions);
        for (int slot : order) {
            ranked.add(new LikelyCondition(TIE_BREAK.get(slot), scores[slot], evidence.get(slot)));
        }
        return ranked;
    }
}
