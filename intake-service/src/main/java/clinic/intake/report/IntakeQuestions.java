package clinic.intake.report;

import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import clinic.intake.report.Question.Kind;
import clinic.intake.report.Question.Option;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.Range;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The intake form's questions, in the order the patient answers them, worded for patients. Enum options
 * come from the shared contract (the switches below fail to compile when a value is added without
 * words) and number ranges and lengths from the API's own validation annotations, so the form cannot
 * drift from what the API accepts.
 */
final class IntakeQuestions {

    public record Section(String title, List<Question> questions) {
    }

    static final List<Section> SECTIONS = List.of(
            new Section("About you", List.of(
                    text("patient.externalId", Kind.TEXT, "Your clinic patient number",
                            "You can find it on letters and emails from the clinic.", "off"),
                    text("patient.name", Kind.TEXT, "Your full name", null, "name"),
                    text("patient.email", Kind.EMAIL, "Your email address",
                            "We will send your advice and any updates to this address.", "email"),
                    optionalText("patient.phone", Kind.TEL, "Your phone number (optional)",
                            "If a clinician needs to speak to you today, they will call this number. Start with + "
                                    + "and your country code, for example +441632960123.", "tel"),
                    number("ageYears", "Your age in years", null),
                    yesNo("hasDiabetes", "Do you have diabetes?", null))),
            new Section("Your heel pain", List.of(
                    oneOf("painLocation", "Where does your heel hurt most?", null,
                            PainLocation.values(), IntakeQuestions::words),
                    anyOf("painQualities", "What does the pain feel like?", "Tick all that apply.",
                            PainQuality.values(), IntakeQuestions::words),
                    anyOf("symptoms", "Have you noticed any of these?",
                            "Tick all that apply. Leave them all unticked if you have none of them.",
                            Symptom.values(), IntakeQuestions::words),
                    yesNo("worstOnFirstStepsAfterRest",
                            "Is the pain worst on your first steps in the morning or after sitting for a while?", null),
                    yesNo("easesOnceMoving", "Does it ease a little once you get moving?", null),
                    yesNo("worseWithActivity",
                            "Does it get worse the longer you run or stay on your feet?", null),
                    oneOf("painAtRest", "How much does it hurt when you rest, with no weight on the foot?", null,
                            PainAtRest.values(), IntakeQuestions::words),
                    number("painScore", "At its worst, how bad is the pain, from 0 to 10?",
                            "0 means no pain at all. 10 means the worst pain you can imagine."),
                    oneOf("trend", "Over the last week, how has it changed?", null,
                            Trend.values(), IntakeQuestions::words),
                    yesNo("worseningDespiteReducedLoad",
                            "Is it getting worse even though you have cut back on running?", null))),
            new Section("What you can do, and two quick checks", List.of(
                    yesNo("canWalkNormally", "Can you walk normally?", null),
                    yesNo("canRunNormally", "Can you run normally?", null),
                    yesNo("painOnSqueezingHeelSides", "Does it hurt when you squeeze both sides of your heel bone?",
                            "Press gently with your thumb on one side of the heel and your fingers on the other."),
                    yesNo("tenderBackOfHeelToPressure",
                            "Does it hurt when you press on the back of your heel or your Achilles tendon?",
                            "The Achilles tendon is the thick cord just above the back of the heel."),
                    yesNo("suddenOnsetWithPopOrSnap",
                            "Did it start suddenly with a pop or a snap, or feel like being kicked in the back of "
                                    + "the heel?", null))),
            new Section("Your running", List.of(
                    anyOf("recentLoadChanges", "Have you changed your training recently?",
                            "Tick all that apply. Leave them all unticked if nothing has changed.",
                            LoadChange.values(), IntakeQuestions::words),
                    number("symptomDurationDays", "For how many days have you had this pain?",
                            "A rough number is fine. For example, 3 weeks is 21 days."),
                    number("weeksOfLoadReductionAndRehab",
                            "For how many weeks have you already cut back and done rehab exercises?",
                            "Enter 0 if you have not tried this yet."),
                    yesNo("returnsWhenRunningResumes",
                            "Does the pain come back as soon as you go back to your normal running?", null))));

    static final List<Question> ALL = SECTIONS.stream().flatMap(section -> section.questions().stream()).toList();

    private IntakeQuestions() {
    }

    static Question question(String name) {
        return ALL.stream().filter(question -> question.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no question " + name));
    }

    private static Question text(String name, Kind kind, String label, String hint, String autocomplete) {
        return new Question(name, kind, label, hint, List.of(), null, maxLength(name), autocomplete, false);
    }

    /** A typed answer the patient may leave empty. */
    private static Question optionalText(String name, Kind kind, String label, String hint, String autocomplete) {
        return new Question(name, kind, label, hint, List.of(), null, maxLength(name), autocomplete, true);
    }

    private static int maxLength(String name) {
        return component(PatientDetails.class, name.substring(name.indexOf('.') + 1)).getAccessor()
                .getAnnotation(Size.class).max();
    }

    private static Question number(String name, String label, String hint) {
        Range range = component(SymptomReportRequest.class, name).getAccessor().getAnnotation(Range.class);
        return new Question(name, Kind.NUMBER, label, hint, List.of(), (int) range.min(), (int) range.max(), "off",
                false);
    }

    private static Question yesNo(String name, String label, String hint) {
        return new Question(name, Kind.ONE_OF, label, hint,
                List.of(new Option("true", "Yes"), new Option("false", "No")), null, null, null, false);
    }

    private static <E extends Enum<E>> Question oneOf(String name, String label, String hint, E[] values,
            Function<E, String> words) {
        return new Question(name, Kind.ONE_OF, label, hint, options(values, words), null, null, null, false);
    }

    private static <E extends Enum<E>> Question anyOf(String name, String label, String hint, E[] values,
            Function<E, String> words) {
        return new Question(name, Kind.ANY_OF, label, hint, options(values, words), null, null, null, false);
    }

    private static <E extends Enum<E>> List<Option> options(E[] values, Function<E, String> words) {
        return Arrays.stream(values).map(value -> new Option(value.name(), words.apply(value))).toList();
    }

    private static RecordComponent component(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(component -> component.getName().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("no field " + name));
    }

    private static String words(PainLocation location) {
        return switch (location) {
            case BOTTOM_INNER_HEEL -> "Underneath the heel, towards the inner side of the foot";
            case BACK_OF_HEEL -> "At the back of the heel, where the Achilles tendon joins it";
            case CENTER_OF_HEEL -> "In the middle of the underside of the heel, in the fatty pad";
            case SIDES_OF_HEEL -> "On the sides of the heel";
            case UNSURE -> "I'm not sure";
        };
    }

    private static String words(PainQuality quality) {
        return switch (quality) {
            case SHARP -> "Sharp";
            case STABBING -> "Stabbing";
            case THROBBING -> "Throbbing";
            case ACHING -> "Aching";
            case DEEP_BRUISE_LIKE -> "Deep, like a bruise";
            case BURNING -> "Burning";
        };
    }

    private static String words(Symptom symptom) {
        return switch (symptom) {
            case NUMBNESS -> "Numbness in the heel or foot";
            case TINGLING -> "Tingling or pins and needles";
            case SWELLING -> "Swelling around the heel";
            case BRUISING -> "Bruising around the heel";
            case FEVER -> "A fever, or feeling hot and unwell";
        };
    }

    private static String words(PainAtRest pain) {
        return switch (pain) {
            case NONE -> "No pain";
            case MILD -> "Mild pain";
            case SIGNIFICANT -> "Significant pain";
        };
    }

    private static String words(Trend trend) {
        return switch (trend) {
            case IMPROVING -> "Getting better";
            case STABLE -> "About the same";
            case WORSENING -> "Getting worse";
        };
    }

    private static String words(LoadChange change) {
        return switch (change) {
            case MILEAGE -> "Running more miles or kilometres";
            case SPEED -> "More speed work or faster running";
            case HILLS -> "More hill running";
            case RETURN_AFTER_BREAK -> "Started running again after a break";
            case HARDER_SURFACE -> "Running on harder surfaces";
        };
    }
}
