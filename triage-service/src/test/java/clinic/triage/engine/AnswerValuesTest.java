package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' answer vector says exactly what each field of the answers says, and turns back into the same
 * answers, so the generated reports and the worse answers of the property tests are the ones they name.
 */
class AnswerValuesTest {

    @Provide
    Arbitrary<IntakeAnswers> anything() {
        return GeneratedReports.anything();
    }

    @Property
    void everyFieldIsEncodedAsItsAnswer(@ForAll("anything") IntakeAnswers answers) {
        int[] values = AnswerValues.read(answers);

        assertThat(values).hasSize(Fields.ALL.size());
        for (Field<?> field : Fields.ALL) {
            assertThat(values[AnswerValues.index(field)]).as(field.name())
                    .isEqualTo(encode(field, field.read(answers)));
        }
        assertThat(GeneratedReports.answers(values)).isEqualTo(answers);
    }

    private static int encode(Field<?> field, Object answer) {
        return switch (field.kind()) {
            case YES_NO -> (Boolean) answer ? 1 : 0;
            case NUMBER -> (Integer) answer;
            case CHOICE -> answer == null ? AnswerValues.MISSING : ((Enum<?>) answer).ordinal();
            case CHOICES -> ((Set<?>) answer).stream().mapToInt(value -> 1 << ((Enum<?>) value).ordinal())
                    .reduce(0, (a, b) -> a | b);
        };
    }
}
