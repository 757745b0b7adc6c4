package clinic.fhir;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.IntakeLimits;
import clinic.fhir.IntakeItem.Type;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The FHIR R4 form of the intake contract: the Questionnaire's canonical url and version, its groups, and one
 * item per contract field. The clinical items are read off {@link IntakeAnswers} itself (boolean, int, enum,
 * set of enum), so a field added to the contract becomes a question here without a second list to forget.
 * The wording is the intake service's; what an answer must look like is defined once, here.
 */
public final class HeelPainIntake {

    public static final String BASE = "https://heel-pain-clinic.example/fhir";
    public static final String QUESTIONNAIRE_ID = "heel-pain-intake";
    public static final String URL = BASE + "/Questionnaire/" + QUESTIONNAIRE_ID;
    public static final String VERSION = "1.0.0";
    public static final String PATIENT_PREFIX = "patient.";

    /** The four groups of the form, in order, with their items' linkIds in order. */
    public static final Map<String, List<String>> GROUPS = groups();

    /** Every item of the contract, in the order of the form. */
    public static final List<IntakeItem> ITEMS = items();

    private static final Map<String, IntakeItem> BY_LINK_ID = ITEMS.stream()
            .collect(Collectors.toMap(IntakeItem::linkId, Function.identity()));

    private HeelPainIntake() {
    }

    public static Optional<IntakeItem> item(String linkId) {
        return Optional.ofNullable(BY_LINK_ID.get(linkId));
    }

    /** The canonical reference a response gives in {@code questionnaire}: the url, or url|version. */
    public static boolean isThisQuestionnaire(String canonical) {
        return URL.equals(canonical) || (URL + "|" + VERSION).equals(canonical);
    }

    /** The code system of an enum's values, e.g. {@code .../CodeSystem/pain-location} for PainLocation. */
    public static String codeSystem(Class<? extends Enum<?>> codes) {
        return BASE + "/CodeSystem/" + kebab(codes.getSimpleName());
    }

    /** The id of the contained ValueSet a choice draws its answers from, e.g. {@code pain-location}. */
    public static String valueSetId(Class<? extends Enum<?>> codes) {
        return kebab(codes.getSimpleName());
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("about-you", List.of("patient.externalId", "patient.name", "patient.email", "patient.phone",
                "ageYears", "hasDiabetes"));
        groups.put("heel-pain", List.of("painLocation", "painQualities", "symptoms", "worstOnFirstStepsAfterRest",
                "easesOnceMoving", "worseWithActivity", "painAtRest", "painScore", "trend",
                "worseningDespiteReducedLoad"));
        groups.put("abilities", List.of("canWalkNormally", "canRunNormally", "painOnSqueezingHeelSides",
                "tenderBackOfHeelToPressure", "suddenOnsetWithPopOrSnap"));
        groups.put("running", List.of("recentLoadChanges", "symptomDurationDays", "weeksOfLoadReductionAndRehab",
                "returnsWhenRunningResumes"));
        return Collections.unmodifiableMap(groups);
    }

    private static List<IntakeItem> items() {
        Map<String, IntakeItem> byName = new LinkedHashMap<>();
        for (String detail : List.of("externalId", "name", "email")) {
            byName.put(PATIENT_PREFIX + detail, text(PATIENT_PREFIX + detail, true));
        }
        byName.put(PATIENT_PREFIX + "phone", text(PATIENT_PREFIX + "phone", false));
        Arrays.stream(IntakeAnswers.class.getRecordComponents()).map(HeelPainIntake::clinical)
                .forEach(item -> byName.put(item.linkId(), item));
        List<IntakeItem> ordered = GROUPS.values().stream().flatMap(List::stream).map(byName::get).toList();
        if (ordered.contains(null) || ordered.size() != byName.size() || Set.copyOf(ordered).size() != byName.size()) {
            throw new IllegalStateException("the Questionnaire's groups must list every contract field once");
        }
        return ordered;
    }

    private static IntakeItem text(String linkId, boolean required) {
        return new IntakeItem(linkId, Type.STRING, required, false, null, null, null);
    }

    @SuppressWarnings("unchecked")
    private static IntakeItem clinical(RecordComponent field) {
        Class<?> type = field.getType();
        String name = field.getName();
        if (type == boolean.class) {
            return new IntakeItem(name, Type.BOOLEAN, true, false, null, null, null);
        }
        if (type == int.class) {
            int[] range = range(name);
            return new IntakeItem(name, Type.INTEGER, true, false, range[0], range[1], null);
        }
        if (type.isEnum()) {
            return new IntakeItem(name, Type.CHOICE, true, false, null, null, (Class<? extends Enum<?>>) type);
        }
        if (type == Set.class) {
            // a set may be empty ("none of these"), which in FHIR is an item left unanswered: not required
            Class<?> element = (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            return new IntakeItem(name, Type.CHOICE, false, true, null, null, (Class<? extends Enum<?>>) element);
        }
        throw new IllegalStateException("no FHIR item type for contract field " + name);
    }

    private static int[] range(String field) {
        return switch (field) {
            case "ageYears" -> new int[] {IntakeLimits.AGE_MIN, IntakeLimits.AGE_MAX};
            case "painScore" -> new int[] {IntakeLimits.PAIN_SCORE_MIN, IntakeLimits.PAIN_SCORE_MAX};
            case "symptomDurationDays" -> new int[] {IntakeLimits.DURATION_DAYS_MIN, IntakeLimits.DURATION_DAYS_MAX};
            case "weeksOfLoadReductionAndRehab" -> new int[] {IntakeLimits.REHAB_WEEKS_MIN,
                IntakeLimits.REHAB_WEEKS_MAX};
            default -> throw new IllegalStateException("no range for contract number " + field);
        };
    }
}
