package clinic.support.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MetadataResource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HAPI FHIR's own R4 validator, as an independent judge of the resources the services write and read: the core
 * R4 profiles and terminology, plus any conformance resources a test adds (the heel-pain Questionnaire, so a
 * QuestionnaireResponse is checked against its items). Nothing in the chain fetches from the network. Building
 * one loads the whole R4 specification (seconds, some 200 MB), so one is built per set of conformance resources
 * and shared by every test class of the JVM that asks for the same set.
 */
public final class FhirValidation {

    private static final Map<List<String>, FhirValidation> BUILT = new ConcurrentHashMap<>();

    private final FhirValidator validator;

    private FhirValidation(FhirValidator validator) {
        this.validator = validator;
    }

    /** @param conformance resources the validator should know besides R4's own, e.g. a Questionnaire */
    public static FhirValidation r4(IBaseResource... conformance) {
        return BUILT.computeIfAbsent(canonicals(conformance), key -> build(conformance));
    }

    /** What tells one set of conformance resources from another: each one's type, url and version. */
    private static List<String> canonicals(IBaseResource... conformance) {
        FhirContext context = FhirContext.forR4Cached();
        return Arrays.stream(conformance).map(resource -> context.getResourceType(resource) + " "
                + context.newTerser().getSinglePrimitiveValueOrNull(resource, "url") + "|"
                + context.newTerser().getSinglePrimitiveValueOrNull(resource, "version")).toList();
    }

    private static FhirValidation build(IBaseResource... conformance) {
        FhirContext context = FhirContext.forR4Cached();
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(context);
        for (IBaseResource resource : conformance) {
            ours.addResource(resource);
            // a Questionnaire's contained value sets are found by their url while checking a response's codes
            if (resource instanceof DomainResource domain) {
                domain.getContained().stream().filter(contained -> contained instanceof MetadataResource)
                        .forEach(ours::addResource);
            }
        }
        ValidationSupportChain chain = new ValidationSupportChain(new Canonicals(context, List.of(conformance)),
                new DefaultProfileValidationSupport(context), new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), ours);
        FhirValidator validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        return new FhirValidation(validator);
    }

    /** The errors (and fatal errors) HAPI finds, as "location: message" lines; empty when valid. */
    public List<String> errors(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        return result.getMessages().stream()
                .filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
                        || message.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::line).toList();
    }

    /** Everything HAPI says, warnings included, for a test's failure message. */
    public List<String> messages(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream().map(FhirValidation::line).toList();
    }

    /**
     * The given resources by canonical url, with or without {@code |version}: HAPI's pre-populated support keeps
     * code systems, value sets and profiles only, so a response's Questionnaire would otherwise not be found.
     */
    private record Canonicals(FhirContext context, List<IBaseResource> resources) implements IValidationSupport {

        @Override
        public FhirContext getFhirContext() {
            return context;
        }

        @Override
        public <T extends IBaseResource> T fetchResource(Class<T> type, String canonical) {
            if (canonical == null) {
                return null;
            }
            String[] urlAndVersion = canonical.split("\\|", 2);
            for (IBaseResource resource : resources) {
                String url = context.newTerser().getSinglePrimitiveValueOrNull(resource, "url");
                String version = context.newTerser().getSinglePrimitiveValueOrNull(resource, "version");
                boolean versionMatches = urlAndVersion.length == 1 || urlAndVersion[1].equals(version);
                if ((type == null || type.isInstance(resource)) && urlAndVersion[0].equals(url) && versionMatches) {
                    return type == null ? null : type.cast(resource);
                }
            }
            return null;
        }
    }

    private static String line(SingleValidationMessage message) {
        return message.getSeverity() + " " + message.getLocationString() + ": " + message.getMessage();
    }
}
