package clinic.triage.engine;

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
 * written once at construction; ranking a report then only looks up five entries and sorts them.
 */
final class LikelyConditionRanker {

    static final List<Condition> TIE_BREAK = List.of(Condition.CALCANEAL_STRESS_FRACTURE,
            Condition.NERVE_ENTRAPMENT, Condition.PLANTAR_HEEL_PAIN, Condition.ACHILLES_TENDINOPATHY,
            Condition.HEEL_PAD_SYNDROME);

    /** Keeps the table of combinations small (2^12 entries per condition at most) and all signs in 60 bits. */
    static final int MAX_SIGNS_PER_CONDITION = 12;
    /** Room for the tie-break position in a sort key: a power of two above the number of conditions. */
    private static final int SLOTS = 8;

    /** Where each sign's bit sits in the word {@link #rank} reads: each condition's signs side by side. */
    private final int[] positions;
    private final int[] starts;
    private final int[] widths;
    private final LikelyCondition[][] combinations;
    /** The score of each entry of {@link #combinations}, so sorting reads plain ints. */
    private final int[][] scores;

    LikelyConditionRanker(List<ConditionSign> signs) {
        int conditions = TIE_BREAK.size();
        List<List<ConditionSign>> bySlot = new ArrayList<>(conditions);
        for (int slot = 0; slot < conditions; slot++) {
            bySlot.add(new ArrayList<>());
        }
        int[] slotOf = new int[signs.size()];
        int[] indexInSlot = new int[signs.size()];
        for (int i = 0; i < signs.size(); i++) {
            ConditionSign sign = signs.get(i);
            slotOf[i] = TIE_BREAK.indexOf(sign.condition());
            indexInSlot[i] = bySlot.get(slotOf[i]).size();
            bySlot.get(slotOf[i]).add(sign);
        }
        starts = new int[conditions];
        widths = new int[conditions];
        combinations = new LikelyCondition[conditions][];
        for (int slot = 0, start = 0; slot < conditions; start += widths[slot], slot++) {
            combinations[slot] = writeCombinations(TIE_BREAK.get(slot), bySlot.get(slot));
            starts[slot] = start;
            widths[slot] = bySlot.get(slot).size();
        }
        scores = new int[conditions][];
        for (int slot = 0; slot < conditions; slot++) {
            scores[slot] = java.util.Arrays.stream(combinations[slot]).mapToInt(LikelyCondition::score).toArray();
        }
        positions = new int[signs.size()];
        for (int i = 0; i < signs.size(); i++) {
            positions[i] = starts[slotOf[i]] + indexInSlot[i];
        }
    }

    /** The bit that tells {@link #rank} whether sign {@code index} (in the order given at construction) holds. */
    int position(int index) {
        return positions[index];
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

    /** @param holding bit {@link #position position(i)} is set when sign i holds */
    List<LikelyCondition> rank(long holding) {
        // Sort keys, highest first: score, then tie-break slot (earlier first), then the slot's mask.
        long[] keys = new long[combinations.length];
        for (int slot = 0; slot < keys.length; slot++) {
            int mask = (int) (holding >>> starts[slot]) & ((1 << widths[slot]) - 1);
            long key = (long) scores[slot][mask] << 32 | (long) (SLOTS - 1 - slot) << MAX_SIGNS_PER_CONDITION | mask;
            int j = slot;
            while (j > 0 && keys[j - 1] < key) { // insertion sort of at most five keys
                keys[j] = keys[j - 1];
                j--;
            }
            keys[j] = key;
        }
        if (keys.length == 5) { // every condition is ranked: the list takes the array List.of builds, no copy
            return List.of(entry(keys[0]), entry(keys[1]), entry(keys[2]), entry(keys[3]), entry(keys[4]));
        }
        LikelyCondition[] ranked = new LikelyCondition[keys.length];
        for (int i = 0; i < ranked.length; i++) {
            ranked[i] = entry(keys[i]);
        }
        return List.of(ranked);
    }

    private LikelyCondition entry(long key) {
        int slot = SLOTS - 1 - (int) (key >>> MAX_SIGNS_PER_CONDITION & (SLOTS - 1));
        return combinations[slot][(int) key & ((1 << MAX_SIGNS_PER_CONDITION) - 1)];
    }
}
