package clinic.triage.cds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;

/** A CDS Hooks 2.0 service response: cards only (no systemActions: the EHR owns the record). */
public record CdsResponse(List<Card> cards) {

    /** One card; {@code uuid} lets the EHR send feedback about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Card(String uuid, String summary, String indicator, Source source, String detail,
                       List<Suggestion> suggestions, String selectionBehavior, List<Coding> overrideReasons) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String url, Coding topic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String system, String code, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
    }

    /** A suggested change; {@code resource} is FHIR JSON as HAPI wrote it, embedded unchanged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, String description, @JsonRawValue String resource) {
    }
}
