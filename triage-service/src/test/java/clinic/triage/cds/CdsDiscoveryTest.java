package clinic.triage.cds;

import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** CDS Hooks 2.0 discovery: public, one service, our own hook, a prefetch template for the intake response. */
@TriageServiceTest
class CdsDiscoveryTest {

    @Autowired
    MockMvc mvc;

    @Test
    void listsTheHeelPainTriageServiceWithoutAToken() throws Exception {
        mvc.perform(get("/cds-services"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.services", hasSize(1)))
                .andExpect(jsonPath("$.services[0].id").value("heel-pain-triage"))
                .andExpect(jsonPath("$.services[0].hook").value("heel-pain-intake-signed"))
                .andExpect(jsonPath("$.services[0].title", not(emptyOrNullString())))
                .andExpect(jsonPath("$.services[0].description", not(emptyOrNullString())))
                .andExpect(jsonPath("$.services[0].prefetch.questionnaireResponse")
                        .value("QuestionnaireResponse/{{context.questionnaireResponseId}}"))
                .andExpect(jsonPath("$.services[0].usageRequirements", not(emptyOrNullString())));
    }

    @Test
    void discoveryIsReadOnlyAndOtherAddressesUnderItAreRefused() throws Exception {
        mvc.perform(put("/cds-services")).andExpect(status().isUnauthorized());
        mvc.perform(get("/cds-services/heel-pain-triage")).andExpect(status().isUnauthorized());
        mvc.perform(get("/cds-services/other")).andExpect(status().isUnauthorized());
    }
}
