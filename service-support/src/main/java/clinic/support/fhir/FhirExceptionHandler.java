package clinic.support.fhir;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a refused FHIR request with its OperationOutcome, as FHIR clients expect, instead of problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirExceptionHandler {

    private final FhirJson json;

    FhirExceptionHandler(FhirJson json) {
        this.json = json;
    }

    @ExceptionHandler(FhirRequestException.class)
    ResponseEntity<String> refused(FhirRequestException refused) {
        return ResponseEntity.status(refused.status()).cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(FhirJson.MEDIA_TYPE)).body(json.write(refused.outcome()));
    }
}
