package clinic.support.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service says about itself in its OpenAPI document ({@code clinic.api-docs.*}): a title, a description,
 * and the scopes its two OAuth2 flows offer in the Swagger UI, each with the words shown beside its checkbox.
 *
 * @param title                   the document's {@code info.title}
 * @param description             the document's {@code info.description} (Markdown)
 * @param authorizationCodeScopes a person's login (client {@code clinic-api-docs}); {@code openid} is always offered
 * @param clientCredentialsScopes a machine client's token: the scopes this service's routes accept
 */
@ConfigurationProperties("clinic.api-docs")
public record ApiDocsProperties(String title, String description, Map<String, String> authorizationCodeScopes,
                                Map<String, String> clientCredentialsScopes) {

    public ApiDocsProperties {
        title = title == null ? "Clinic API" : title;
        description = description == null ? "" : description;
        authorizationCodeScopes = copy(authorizationCodeScopes);
        clientCredentialsScopes = copy(clientCredentialsScopes);
    }

    private static Map<String, String> copy(Map<String, String> scopes) {
        return scopes == null ? Map.of() : new LinkedHashMap<>(scopes);
    }
}
