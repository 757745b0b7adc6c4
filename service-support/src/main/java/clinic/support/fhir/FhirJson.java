package clinic.support.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpStatus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FHIR JSON in and out. Reading is strict (an unknown element, a wrong type or a second value where one is
 * allowed is an error, not something silently dropped), and a body that is not the expected resource type is
 * refused: a caller learns that we did not read what they meant, rather than us acting on part of it. Errors
 * never quote a value of the body.
 */
public final class FhirJson {

    public static final String MEDIA_TYPE = "application/fhir+json";
    /** A quoted text in a HAPI message; group 1 when it is HAPI's element locator, which is kept. */
    private static final Pattern QUOTED = Pattern.compile("(\\[element=\"[^\"]{0,100}\"\\])|\"[^\"]*\"|'[^']*'");

    private final FhirContext context;

    public FhirJson(FhirContext context) {
        this.context = context;
    }

    /** The body as a resource of {@code type}, or a 400 {@link FhirRequestException} saying why not. */
    public <T extends IBaseResource> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, "the body must be a FHIR "
                    + context.getResourceType(type) + " in JSON");
        }
        IParser parser = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        IBaseResource resource;
        try {
            resource = parser.parseResource(body);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, "not valid FHIR R4 JSON: "
                    + withoutValues(firstLine(e.getMessage())));
        }
        if (!type.isInstance(resource)) {
            throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, "expected a "
                    + context.getResourceType(type) + ", got a " + context.getResourceType(resource));
        }
        return type.cast(resource);
    }

    public String write(IBaseResource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }

    public FhirContext context() {
        return context;
    }

    /**
     * HAPI's parse errors quote the offending value ("Invalid boolean string: 'Jane Doe'"), which may be a
     * patient's words: every quoted text goes, except HAPI's own element locator ({@code [element="x"]}).
     */
    static String withoutValues(String message) {
        return QUOTED.matcher(message).replaceAll(match -> Matcher.quoteReplacement(match.group(1) != null
                ? match.group() : match.group().charAt(0) + "…" + match.group().charAt(0)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
