package clinic.triage.cds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema our cards are checked against must itself refuse what CDS Hooks 2.0 refuses. */
class CdsResponseSchemaTest {

    private static final String GOOD = """
            {"cards": [{"uuid": "5e3c8d4a-6b4f-4c8e-9a63-0d1c2b3a4f5e", "summary": "Self-care: heel pain",
                        "indicator": "info", "source": {"label": "Heel-pain triage rules v1.0.0",
                        "url": "http://localhost:8082/api/v1/ruleset"}, "detail": "**Disposition:** SELF_CARE",
                        "selectionBehavior": "any",
                        "suggestions": [{"label": "Send the self-care plan", "isRecommended": true,
                          "actions": [{"type": "create", "description": "Send the plan",
                                       "resource": {"resourceType": "CommunicationRequest", "status": "draft"}}]}]}]}
            """;

    @Test
    void acceptsAWellFormedCard() {
        assertThat(CdsResponseSchema.violations(GOOD)).isEmpty();
    }

    @Test
    void refusesAnUnknownIndicatorAndATooLongSummary() {
        String broken = GOOD.replace("\"info\"", "\"urgent\"")
                .replace("Self-care: heel pain", "x".repeat(200));

        assertThat(CdsResponseSchema.violations(broken)).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(violation -> assertThat(violation).contains("indicator"))
                .anySatisfy(violation -> assertThat(violation).contains("summary", "maxLength"));
    }

    @Test
    void refusesACardWithoutSourceAnUnknownFieldAndAnActionWithoutItsResource() {
        assertThat(CdsResponseSchema.violations(GOOD.replace("\"source\"", "\"origin\""))).isNotEmpty();
        assertThat(CdsResponseSchema.violations(GOOD.replace("\"detail\"", "\"details\""))).isNotEmpty();
        assertThat(CdsResponseSchema.violations(GOOD.replace("\"resource\"", "\"resourceX\""))).isNotEmpty();
        assertThat(CdsResponseSchema.violations(GOOD.replace("\"any\"", "\"all\""))).isNotEmpty();
        assertThat(CdsResponseSchema.violations("{\"card\": []}")).isNotEmpty();
    }
}
