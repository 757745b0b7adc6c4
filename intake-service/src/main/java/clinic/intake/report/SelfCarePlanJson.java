package clinic.intake.report;

import clinic.events.triage.SelfCarePlan;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the self-care plan of a triage decision as JSON text, with a mapper of its own so the stored
 * format does not follow the web layer's Jackson settings.
 */
@Converter
class SelfCarePlanJson implements AttributeConverter<SelfCarePlan, String> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(SelfCarePlan plan) {
        return plan == null ? null : MAPPER.writeValueAsString(plan);
    }

    @Override
    public SelfCarePlan convertToEntityAttribute(String json) {
        return json == null ? null : MAPPER.readValue(json, SelfCarePlan.class);
    }
}
