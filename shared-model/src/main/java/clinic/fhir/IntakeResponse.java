package clinic.fhir;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a QuestionnaireResponse said, read against the contract: each answered item's value by linkId
 * (Boolean, Integer, an enum constant, a Set of enum constants, or a String), and every issue found. Only a
 * response without issues has {@link #answers()}.
 */
public record IntakeResponse(Map<String, Object> values, List<ResponseIssue> issues) {

    public IntakeResponse {
        values = Map.copyOf(values);
        issues = List.copyOf(issues);
    }

    public boolean isValid() {
        return issues.isEmpty();
    }

    /** A patient detail as written (trimmed by nobody), if answered. */
    public Optional<String> text(String linkId) {
        return Optional.ofNullable((String) values.get(linkId));
    }

    /** The clinical answers, as carried in events. Only for a valid response. */
    public IntakeAnswers answers() {
        if (!isValid()) {
            throw new IllegalStateException("the response has " + issues.size() + " issue(s)");
        }
        return new IntakeAnswers(number("ageYears"), yes("hasDiabetes"), one("painLocation", PainLocation.class),
                set("painQualities", PainQuality.class), set("symptoms", Symptom.class),
                yes("worstOnFirstStepsAfterRest"), yes("easesOnceMoving"), yes("worseWithActivity"),
                one("painAtRest", PainAtRest.class), number("painScore"), one("trend", Trend.class),
                yes("worseningDespiteReducedLoad"), yes("canWalkNormally"), yes("canRunNormally"),
                yes("painOnSqueezingHeelSides"), yes("tenderBackOfHeelToPressure"), yes("suddenOnsetWithPopOrSnap"),
                set("recentLoadChanges", LoadChange.class), number("symptomDurationDays"),
                number("weeksOfLoadReductionAndRehab"), yes("returnsWhenRunningResumes"));
    }

    private int number(String linkId) {
        return (Integer) values.get(linkId);
    }

    private boolean yes(String linkId) {
        return (Boolean) values.get(linkId);
    }

    private <E extends Enum<E>> E one(String linkId, Class<E> type) {
        return type.cast(values.get(linkId));
    }

    /** An unanswered repeating choice is the empty set ("none of these"). */
    private <E extends Enum<E>> Set<E> set(String linkId, Class<E> type) {
        Object value = values.get(linkId);
        if (value == null) {
            return Set.of();
        }
        return ((Set<?>) value).stream().map(type::cast).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "IntakeResponse[" + values.size() + " answers, " + issues.size() + " issues]";
    }
}
