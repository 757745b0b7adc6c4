package clinic.triage.fhir;

import clinic.support.fhir.FhirJson;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** FHIR search answers and reads as HTTP responses; never cached, as every one of them is patient data. */
final class SearchBundles {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType(FhirJson.MEDIA_TYPE);

    private SearchBundles() {
    }

    /**
     * A searchset of every match: one page, as a report has at most a dozen red flags and one review. The self
     * link repeats only the search as we understood it (a canonical report id), not what the caller typed.
     */
    static Bundle searchset(String selfUrl, String fhirBase, List<? extends Resource> matches) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET).setTotal(matches.size());
        bundle.addLink().setRelation("self").setUrl(selfUrl);
        for (Resource match : matches) {
            bundle.addEntry().setFullUrl(fhirBase + "/" + match.fhirType() + "/" + match.getIdElement().getIdPart())
                    .setResource(match).getSearch().setMode(SearchEntryMode.MATCH);
        }
        return bundle;
    }

    static ResponseEntity<String> ok(FhirJson json, Resource resource) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(FHIR_JSON)
                .body(json.write(resource));
    }
}
