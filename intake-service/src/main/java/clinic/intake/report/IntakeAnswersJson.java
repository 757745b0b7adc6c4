package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the clinical answers as JSON text. Uses its own mapper so the stored format does not change
 * with the web layer's Jackson settings.
 */
@Converter
class IntakeAnswersJson implements AttributeConverter<IntakeAnswers, String> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(IntakeAnswers answers) {
        return answers == null ? null : MAPPER.writeValueAsString(answers);
    }

    @Override
    public IntakeAnswers convertToEntityAttribute(String json) {
        return json == null ? null : MAPPER.readValue(json, IntakeAnswers.class);
    }
}
