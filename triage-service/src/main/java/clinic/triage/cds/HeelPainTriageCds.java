package clinic.triage.cds;

import clinic.fhir.HeelPainIntake;
import clinic.fhir.IntakeResponse;
import clinic.fhir.QuestionnaireResponseReader;
import clinic.support.fhir.FhirJson;
import clinic.support.fhir.FhirRequestException;
import clinic.support.fhir.FhirRequestException.Problem;
import clinic.triage.cds.CdsResponse.Card;
import clinic.triage.engine.TriageEngine;
import clinic.triage.engine.TriageOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The heel-pain-triage CDS service: reads the signed intake QuestionnaireResponse from the hook's context (or
 * prefetch), classifies it with the same engine that decides intake reports, and answers with one card. Nothing
 * about the patient is stored, logged or published: no decision row, no event (the EHR owns the record). Only the
 * card's uuid is remembered, for feedback.
 */
@Service
class HeelPainTriageCds {

    private static final Logger log = LoggerFactory.getLogger(HeelPainTriageCds.class);

    private final TriageEngine engine;
    private final FhirJson fhir;
    private final TriageCards cards;
    private final IssuedCards issued;
    private final Clock clock;
    private final MeterRegistry metrics;

    HeelPainTriageCds(TriageEngine engine, FhirJson fhir, CdsProperties properties, IssuedCards issued, Clock clock,
                      MeterRegistry metrics) {
        this.engine = engine;
        this.fhir = fhir;
        this.cards = new TriageCards(properties.publicUrl("/api/v1/ruleset"), new SelfCareRequests(fhir));
        this.issued = issued;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional
    CdsResponse invoke(CdsRequest request, String issuer) {
        request.check();
        QuestionnaireResponse response = fhir.read(request.questionnaireResponse().toString(),
                QuestionnaireResponse.class);
        IntakeResponse intake = clinicalPart(QuestionnaireResponseReader.read(response));
        if (!intake.isValid()) {
            // the issues name linkIds and contract limits; the answers themselves stay out of the log
            log.info("CDS hook instance {} refused: {} issue(s) in the QuestionnaireResponse",
                    request.hookInstance(), intake.issues().size());
            throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, intake.issues().stream()
                    .map(issue -> new Problem(issue.expression(), issue.message(), issue.type())).toList());
        }
        TriageOutcome outcome = engine.evaluate(intake.answers());
        Card card = cards.cardFor(outcome, request.refs());
        UUID suggestion = card.suggestions() == null ? null : UUID.fromString(card.suggestions().get(0).uuid());
        issued.remember(UUID.fromString(card.uuid()), suggestion, outcome.disposition(), outcome.ruleset(), issuer,
                clock.instant());
        metrics.counter("clinic.cds.cards", "indicator", card.indicator()).increment();
        log.info("CDS hook instance {}: card {} {} (ruleset {})", request.hookInstance(), card.uuid(),
                outcome.disposition(), outcome.ruleset().version());
        return new CdsResponse(List.of(card));
    }

    /**
     * The response without its patient.* items' issues: the EHR knows its patient, so the name, email and id the
     * clinic's own form requires may be missing here. Whatever patient details are given are never read.
     */
    private static IntakeResponse clinicalPart(IntakeResponse read) {
        return new IntakeResponse(read.values(), read.issues().stream()
                .filter(issue -> issue.linkId() == null || !issue.linkId().startsWith(HeelPainIntake.PATIENT_PREFIX))
                .toList());
    }

    /** What the service needs from the request, checked before any FHIR is read. */
    record CdsRequest(String hook, String hookInstance, JsonNode context, JsonNode prefetch) {

        void check() {
            if (!CdsPaths.HOOK.equals(hook)) {
                throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null,
                        "hook must be '" + CdsPaths.HOOK + "'");
            }
            if (hookInstance == null || !hookInstance.matches("[0-9a-fA-F-]{36}")) {
                throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, "hookInstance must be a UUID");
            }
            if (context == null || !context.isObject()) {
                throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, "context must be an object");
            }
            if (questionnaireResponse() == null) {
                // CDS Hooks: 412 when the service cannot get the data it needs; we do not call the EHR's FHIR server
                throw FhirRequestException.of(HttpStatus.PRECONDITION_FAILED, IssueType.REQUIRED,
                        "the QuestionnaireResponse must be in context.questionnaireResponse or "
                                + "prefetch.questionnaireResponse");
            }
        }

        JsonNode questionnaireResponse() {
            JsonNode inContext = context.get("questionnaireResponse");
            if (inContext != null && inContext.isObject()) {
                return inContext;
            }
            JsonNode prefetched = prefetch == null ? null : prefetch.get("questionnaireResponse");
            return prefetched != null && prefetched.isObject() ? prefetched : null;
        }

        IntakeRefs refs() {
            return new IntakeRefs(text(context.get("patientId")), text(context.get("questionnaireResponseId")));
        }

        private static String text(JsonNode node) {
            return node != null && node.isString() && node.asString().matches("[A-Za-z0-9\\-.]{1,64}")
                    ? node.asString() : null;
        }

        @Override
        public String toString() {
            return "CdsRequest[" + hook + ", " + hookInstance + "]";
        }
    }
}
