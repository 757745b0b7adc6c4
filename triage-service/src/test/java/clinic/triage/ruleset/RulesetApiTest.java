package clinic.triage.ruleset;

import clinic.support.testing.TestIssuer;
import clinic.triage.engine.HeelPainRules;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The ruleset API and docs/triage-rules.md say the same thing: the document rendered from the API's answer. */
@TriageServiceTest
class RulesetApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theRulesetApiServesWhatTheCommittedDocumentSays() throws Exception {
        String token = TestIssuer.get().clinician("clinician-ruleset");
        String json = mvc.perform(get("/api/v1/ruleset").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        RulesetView served = JsonMapper.builder().build().readValue(json, RulesetView.class);

        assertThat(served).isEqualTo(RulesetView.of(HeelPainRules.ruleset()));
        assertThat(RulesetMarkdown.render(served)).isEqualTo(Files.readString(TriageRulesDocTest.COMMITTED));
    }
}
