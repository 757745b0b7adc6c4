package clinic.triage.decision;

import clinic.events.SubmittedBy;
import clinic.events.intake.Symptom;
import clinic.support.testing.TestIssuer;
import clinic.triage.engine.HeelPainRules;
import clinic.triage.testing.Answers;
import clinic.triage.testing.ReportEvents;
import clinic.triage.testing.TriageServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TriageServiceTest
class DecisionApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String CLINICIAN = "Bearer " + TestIssuer.get().clinician("clinician-decision-api");
    private static final String OPS = "Bearer " + TestIssuer.get().ops("ops-decision-api");

    @Autowired
    MockMvc mvc;
    @Autowired
    Triage triage;

    @Test
    void answers404ProblemUntilTheReportIsDecided() throws Exception {
        UUID reportId = UUID.randomUUID();

        mvc.perform(get("/api/v1/triage-decisions/{id}", reportId).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Triage decision not found"));

        triage.decide(ReportEvents.incoming(reportId, Answers.plantarPicture().build()));

        mvc.perform(get("/api/v1/triage-decisions/{id}", reportId).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk());
    }

    /**
     * Issue 12, finding 3: the integration client read the decision of a report a patient submitted through
     * the web form. A client reads only the decisions of reports it submitted, with the 404 of an unknown id.
     */
    @Test
    void aClientReadsOnlyTheDecisionsOfReportsItSubmitted() throws Exception {
        String integration = "Bearer " + TestIssuer.get().client("clinic-integration", "triage:read");
        String otherClient = "Bearer " + TestIssuer.get().client("other-clinic", "triage:read");
        UUID own = UUID.randomUUID();
        UUID patients = UUID.randomUUID();
        UUID unnamed = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(own, Answers.plantarPicture().build(),
                SubmittedBy.client("clinic-integration")));
        triage.decide(ReportEvents.incoming(patients, Answers.plantarPicture().build(), SubmittedBy.person()));
        triage.decide(ReportEvents.incoming(unnamed, Answers.plantarPicture().build()));

        mvc.perform(get("/api/v1/triage-decisions/{id}", own).header(AUTHORIZATION, integration))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reportId").value(own.toString()));
        for (UUID notTheirs : new UUID[]{patients, unnamed}) {
            mvc.perform(get("/api/v1/triage-decisions/{id}", notTheirs).header(AUTHORIZATION, integration))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.title").value("Triage decision not found"));
        }
        mvc.perform(get("/api/v1/triage-decisions/{id}", own).header(AUTHORIZATION, otherClient))
                .andExpect(status().isNotFound());
        for (UUID any : new UUID[]{own, patients, unnamed}) {
            mvc.perform(get("/api/v1/triage-decisions/{id}", any).header(AUTHORIZATION, CLINICIAN))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void malformedIdsAre400AndUnknownPathsAreRefusedAs403Problems() throws Exception {
        mvc.perform(get("/api/v1/triage-decisions/not-a-uuid").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", not(containsString("not-a-uuid"))));
        // not in the route table: refused before any handler is looked up
        mvc.perform(get("/api/v1/nothing-here").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
    }

    @Test
    void selfCareDecisionHasEveryField() throws Exception {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, Answers.plantarPicture().build()));

        mvc.perform(get("/api/v1/triage-decisions/{id}", reportId).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.reportId").value(reportId.toString()))
                .andExpect(jsonPath("$.disposition").value("SELF_CARE"))
                .andExpect(jsonPath("$.redFlags", hasSize(0)))
                .andExpect(jsonPath("$.likelyConditions", hasSize(5)))
                .andExpect(jsonPath("$.likelyConditions[0].condition").value("PLANTAR_HEEL_PAIN"))
                .andExpect(jsonPath("$.likelyConditions[0].score").isNumber())
                .andExpect(jsonPath("$.likelyConditions[0].evidence", hasItem(startsWith("+ "))))
                .andExpect(jsonPath("$.rulesFired", hasSize(0)))
                .andExpect(jsonPath("$.selfCarePlan.summary").isString())
                .andExpect(jsonPath("$.selfCarePlan.advice").isArray())
                .andExpect(jsonPath("$.selfCarePlan.watchFor").isArray())
                .andExpect(jsonPath("$.selfCarePlan.howToGetHelp").isString())
                .andExpect(jsonPath("$.selfCarePlan.expectedCourse").isString())
                .andExpect(jsonPath("$.selfCarePlan.recheck").value(containsString("2 weeks")))
                .andExpect(jsonPath("$.ruleset.id").value("heel-pain-triage"))
                .andExpect(jsonPath("$.ruleset.version").value(HeelPainRules.VERSION))
                .andExpect(jsonPath("$.ruleset.hash").value(HeelPainRules.ruleset().hash()))
                .andExpect(jsonPath("$.decidedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")));
    }

    @Test
    void urgentDecisionListsFlagsAndFiredRulesWithoutAPlan() throws Exception {
        UUID reportId = UUID.randomUUID();
        triage.decide(ReportEvents.incoming(reportId, Answers.plantarPicture().score(8).with(Symptom.SWELLING)
                .build()));

        mvc.perform(get("/api/v1/triage-decisions/{id}", reportId).header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disposition").value("URGENT_REVIEW"))
                .andExpect(jsonPath("$.redFlags", contains("SWELLING", "SEVERE_PAIN")))
                .andExpect(jsonPath("$.rulesFired[*].ruleId",
                        contains("RF-SWELLING", "RF-SEVERE-PAIN")))
                .andExpect(jsonPath("$.rulesFired[1].disposition").value("URGENT_REVIEW"))
                .andExpect(jsonPath("$.rulesFired[1].because", contains("painScore = 8 (>= 7)")))
                .andExpect(jsonPath("$.rulesFired[1].source").isString())
                .andExpect(jsonPath("$.selfCarePlan").value(nullValue()));
    }

    @Test
    void rulesetListsEveryRuleAsAClinicianReadsIt() throws Exception {
        String[] ruleIds = HeelPainRules.rules().stream().map(rule -> rule.id()).toArray(String[]::new);

        mvc.perform(get("/api/v1/ruleset").header(AUTHORIZATION, CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("heel-pain-triage"))
                .andExpect(jsonPath("$.version").value(HeelPainRules.VERSION))
                .andExpect(jsonPath("$.hash").value(HeelPainRules.ruleset().hash()))
                .andExpect(jsonPath("$.rules", hasSize(ruleIds.length + 1)))
                .andExpect(jsonPath("$.rules[*].id", hasItems(ruleIds)))
                .andExpect(jsonPath("$.rules[*].id", hasItem("FAIL-SAFE")))
                .andExpect(jsonPath("$.rules[?(@.id == 'RF-SEVERE-PAIN')].kind", hasItem("red-flag")))
                .andExpect(jsonPath("$.rules[?(@.id == 'RF-SEVERE-PAIN')].flag", hasItem("SEVERE_PAIN")))
                .andExpect(jsonPath("$.rules[?(@.id == 'RF-SEVERE-PAIN')].when", hasItem("painScore >= 7")))
                .andExpect(jsonPath("$.rules[?(@.id == 'RT-DIABETES')].kind", hasItem("review-trigger")))
                .andExpect(jsonPath("$.rules[?(@.id == 'RT-DIABETES')].disposition", hasItem("ROUTINE_REVIEW")))
                .andExpect(jsonPath("$.rules[?(@.id == 'RT-NERVE-PATTERN')].reads[*]",
                        containsInAnyOrder("painQualities", "symptoms")))
                .andExpect(jsonPath("$.rules[*].reason", everyItem(matchesPattern(".{10,}"))))
                .andExpect(jsonPath("$.rules[*].source", everyItem(matchesPattern(".{10,}"))))
                .andExpect(jsonPath("$.likelyConditions.signs").isNotEmpty());
    }

    @Test
    void exposesProbesAnonymouslyAndMetricsToOps() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        // ready once every listener has had its first partition assignment, which may come after the context starts
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP")));
        mvc.perform(get("/actuator/prometheus").header(AUTHORIZATION, OPS)).andExpect(status().isOk())
                .andExpect(content().string(containsString("clinic_outbox_pending")));
    }
}
