package clinic.deploy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.mapAt;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeycloakRealmTest {

    private static final String REALM_FILE = "deploy/keycloak/clinic-realm.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private final Map<String, Object> realm = Repo.yaml(REALM_FILE);

    @Test
    void realmFileBindsToKeycloaksOwnRepresentationWithoutUnknownFields() throws IOException {
        RealmRepresentation parsed = strictKeycloakMapper().readValue(Repo.text(REALM_FILE), RealmRepresentation.class);
        assertThat(parsed.getRealm()).isEqualTo("clinic");
        assertThat(parsed.isBruteForceProtected()).isTrue();
        assertThat(parsed.getClients()).extracting(ClientRepresentation::getClientId)
                .containsExactlyInAnyOrder("clinic-web", "clinic-api-docs", "clinic-integration", "clinic-ehr",
                        "notification-service", "clinic-metrics", "intake-service", "triage-service");
    }

    @Test
    void aMisspelledRealmSettingIsRefusedRatherThanSilentlyIgnoredByKeycloak() {
        String misspelled = Repo.text(REALM_FILE).replace("\"bruteForceProtected\"", "\"bruteForceProtectd\"");
        assertThatThrownBy(() -> strictKeycloakMapper().readValue(misspelled, RealmRepresentation.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("bruteForceProtectd");
    }

    @Test
    void realmClinicHasTheThreeRolesAndNoUsers() {
        assertThat(realm.get("realm")).isEqualTo("clinic");
        assertThat(listAt(realm, "roles.realm")).extracting(role -> map(role).get("name"))
                .containsExactlyInAnyOrder("PATIENT", "CLINICIAN", "OPS");
        assertThat(listAt(realm, "users")).as("no demo accounts outside local mode").isEmpty();
        assertThat(realm.get("registrationAllowed")).isEqualTo(false);
    }

    @Test
    void bruteForceProtectionIsOnAndAccessTokensAreShortLived() {
        assertThat(realm.get("bruteForceProtected")).isEqualTo(true);
        assertThat((Integer) realm.get("failureFactor")).isBetween(1, 10);
        assertThat((Integer) realm.get("accessTokenLifespan")).isPositive().isLessThanOrEqualTo(300);
    }

    @Test
    void rolesReachAccessTokensAsATopLevelRolesClaim() {
        Map<String, Object> mapper = mappers(scope("clinic-roles")).stream()
                .filter(m -> "oidc-usermodel-realm-role-mapper".equals(m.get("protocolMapper"))).findFirst()
                .orElseThrow(() -> new AssertionError("no realm role mapper in clinic-roles"));
        assertThat(mapAt(mapper, "config"))
                .containsEntry("claim.name", "roles")
                .containsEntry("multivalued", "true")
                .containsEntry("access.token.claim", "true")
                // intake's web login takes the patient's role from the ID token
                .containsEntry("id.token.claim", "true");
        assertThat(listAt(client("clinic-web"), "defaultClientScopes")).contains("clinic-roles", "basic");
    }

    @Test
    void clinicWebIsAPublicClientWithAuthorizationCodeAndPkceS256Only() {
        Map<String, Object> web = client("clinic-web");
        assertThat(web.get("publicClient")).isEqualTo(true);
        assertThat(web.get("standardFlowEnabled")).isEqualTo(true);
        assertThat(web.get("implicitFlowEnabled")).isEqualTo(false);
        assertThat(web.get("directAccessGrantsEnabled")).isEqualTo(false);
        assertThat(web.get("serviceAccountsEnabled")).isEqualTo(false);
        assertThat(mapAt(web, "attributes")).containsEntry("pkce.code.challenge.method", "S256");
        // exact: a wildcard would hand codes to any path of the pages' origin (issue 12, finding 5)
        assertThat(listAt(web, "redirectUris")).containsExactly("http://localhost:8081/login/oauth2/code/clinic",
                "http://localhost:8083/login/oauth2/code/clinic");
        assertThat(audiences(mappers(web))).as("no fixed audiences: they follow the person's roles").isEmpty();
    }

    /**
     * The services' Swagger UIs log people in like the pages do (public, authorization code with PKCE S256 only,
     * the same scopes and role mappers, so the same audiences), are sent back to springdoc's redirect page of the
     * three services only, and redeem the code from those origins (Keycloak's CORS: webOrigins).
     */
    @Test
    void clinicApiDocsIsThePagesLoginForTheSwaggerUisOfTheThreeServices() {
        Map<String, Object> docs = client("clinic-api-docs");
        Map<String, Object> web = client("clinic-web");
        assertThat(docs.get("publicClient")).isEqualTo(true);
        assertThat(docs.get("standardFlowEnabled")).isEqualTo(true);
        assertThat(docs.get("implicitFlowEnabled")).isEqualTo(false);
        assertThat(docs.get("directAccessGrantsEnabled")).isEqualTo(false);
        assertThat(docs.get("serviceAccountsEnabled")).isEqualTo(false);
        assertThat(mapAt(docs, "attributes")).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(listAt(docs, "redirectUris")).containsExactly(
                "http://localhost:8081/swagger-ui/oauth2-redirect.html",
                "http://localhost:8082/swagger-ui/oauth2-redirect.html",
                "http://localhost:8083/swagger-ui/oauth2-redirect.html");
        assertThat(listAt(docs, "webOrigins")).containsExactly("http://localhost:8081", "http://localhost:8082",
                "http://localhost:8083");
        assertThat(listAt(docs, "defaultClientScopes")).isEqualTo(listAt(web, "defaultClientScopes"));
        assertThat(listAt(docs, "optionalClientScopes")).isEqualTo(listAt(web, "optionalClientScopes"));
        assertThat(audiences(mappers(docs))).as("audiences follow the person's roles").isEmpty();
    }

    /**
     * Issue 12, finding 10: every clinic-web token named all three services, so each service's audience check
     * isolated nothing. Now the audience follows the roles, as the local issuer does it: each realm role is a
     * composite of the "caller" role of the services it uses, and the audience resolve mapper of clinic-roles
     * names the clients of those roles. A patient's token is for intake only.
     */
    @Test
    void aPeoplesTokenNamesOnlyTheServicesTheirRolesUse() {
        assertThat(servicesOfRole("PATIENT")).containsExactly("intake-service");
        assertThat(servicesOfRole("CLINICIAN"))
                .containsExactlyInAnyOrder("intake-service", "triage-service", "notification-service");
        assertThat(servicesOfRole("OPS"))
                .containsExactlyInAnyOrder("intake-service", "triage-service", "notification-service");
        assertThat(mappers(scope("clinic-roles"))).extracting(m -> m.get("protocolMapper"))
                .contains("oidc-audience-resolve-mapper");
        for (String service : List.of("intake-service", "triage-service", "notification-service")) {
            assertThat(listAt(realm, "roles.client." + service)).as(service).extracting(role -> map(role).get("name"))
                    .containsExactly("caller");
            client(service);
        }
        for (String resourceServer : List.of("intake-service", "triage-service")) {
            Map<String, Object> client = client(resourceServer);
            assertThat(client.get("bearerOnly")).as(resourceServer + " signs nobody in").isEqualTo(true);
            assertThat(client.get("standardFlowEnabled")).isEqualTo(false);
            assertThat(client.get("serviceAccountsEnabled")).isEqualTo(false);
        }
    }

    /**
     * Issue 12, finding 4: intake sends a patient's advice without a confirmation link only to an address the
     * issuer vouches for, so the pages' tokens carry the user's email and Keycloak's verified flag as a boolean.
     */
    @Test
    void thePagesTokensCarryTheUsersEmailAndWhetherKeycloakVerifiedIt() {
        assertThat(listAt(client("clinic-web"), "defaultClientScopes")).contains("email");
        Map<String, String> claims = new java.util.HashMap<>();
        for (Map<String, Object> mapper : mappers(scope("email"))) {
            Map<String, Object> config = mapAt(mapper, "config");
            assertThat(config).containsEntry("id.token.claim", "true").containsEntry("access.token.claim", "true");
            // keys with dots: read directly, not as paths
            claims.put((String) config.get("claim.name"), config.get("user.attribute") + ":"
                    + config.get("jsonType.label"));
        }
        assertThat(claims).containsExactlyInAnyOrderEntriesOf(Map.of("email", "email:String",
                "email_verified", "emailVerified:boolean"));
    }

    private List<String> servicesOfRole(String realmRole) {
        Map<String, Object> role = listAt(realm, "roles.realm").stream().map(Yamls::map)
                .filter(r -> realmRole.equals(r.get("name"))).findFirst().orElseThrow();
        assertThat(role.get("composite")).isEqualTo(true);
        Map<String, Object> byClient = mapAt(role, "composites.client");
        byClient.values().forEach(roles -> assertThat(Yamls.list(roles)).containsExactly("caller"));
        return List.copyOf(byClient.keySet());
    }

    @Test
    void clinicIntegrationIsConfidentialWithClientCredentialsAndItsFourScopes() {
        Map<String, Object> integration = machineClient("clinic-integration");
        assertThat(listAt(integration, "defaultClientScopes"))
                .contains("reports:write", "reports:read", "triage:read", "notifications:read")
                .doesNotContain("patients:contact", "clinic-roles");
        assertThat(audiences(mappers(scope("reports:write")))).containsExactly("intake-service");
        assertThat(audiences(mappers(scope("reports:read")))).containsExactly("intake-service");
        assertThat(audiences(mappers(scope("triage:read")))).containsExactly("triage-service");
        assertThat(audiences(mappers(scope("notifications:read")))).containsExactly("notification-service");
    }

    @Test
    void notificationServiceGetsOnlyThePatientContactAndCaseFileScopesForIntake() {
        Map<String, Object> notification = machineClient("notification-service");
        assertThat(listAt(notification, "defaultClientScopes"))
                .containsExactlyInAnyOrder("basic", "patients:contact", "cases:read");
        assertThat(audiences(mappers(scope("patients:contact")))).containsExactly("intake-service");
        assertThat(audiences(mappers(scope("cases:read")))).containsExactly("intake-service");
        assertThat(mapAt(scope("patients:contact"), "attributes")).containsEntry("include.in.token.scope", "true");
    }

    @Test
    void prometheusScrapesWithItsOwnClientWhoseTokensReachEveryServiceButCarryNoRole() {
        Map<String, Object> metrics = machineClient("clinic-metrics");
        assertThat(listAt(metrics, "defaultClientScopes")).containsExactlyInAnyOrder("basic", "metrics:read");
        assertThat(audiences(mappers(scope("metrics:read"))))
                .containsExactlyInAnyOrder("intake-service", "triage-service", "notification-service");
        assertThat(mapAt(scope("metrics:read"), "attributes")).containsEntry("include.in.token.scope", "true");
    }

    @Test
    void everyScopeAClientNamesIsDefinedInTheRealm() {
        Set<String> defined = new TreeSet<>();
        listAt(realm, "clientScopes").forEach(scope -> defined.add(String.valueOf(map(scope).get("name"))));
        for (Object client : listAt(realm, "clients")) {
            for (String kind : List.of("defaultClientScopes", "optionalClientScopes")) {
                listAt(map(client), kind).forEach(name -> assertThat(defined).as(map(client).get("clientId") + " " + kind)
                        .contains(String.valueOf(name)));
            }
        }
    }

    @Test
    void clinicEhrGetsTokensAddressedToTriagesCdsServiceAsComposeConfiguresIt() {
        Map<String, Object> ehr = client("clinic-ehr");
        Map<String, Object> triageEnv = mapAt(Repo.yaml("docker-compose.yml"), "services.triage-service.environment");

        assertThat(ehr).containsEntry("serviceAccountsEnabled", true).containsEntry("standardFlowEnabled", false)
                .containsEntry("publicClient", false).containsEntry("fullScopeAllowed", false);
        assertThat(ehr.get("defaultClientScopes")).isEqualTo(List.of("basic", "cds:invoke"));
        assertThat(Repo.text(REALM_FILE)).contains("\"included.custom.audience\": \""
                + triageEnv.get("CLINIC_CDS_PUBLIC_BASE_URL") + "/cds-services/heel-pain-triage\"");
        assertThat(triageEnv.get("CLINIC_CDS_CLIENTS_0_ISSUER"))
                .isEqualTo(triageEnv.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"));
    }

    @Test
    void clientSecretPlaceholdersAreSuppliedToKeycloakByCompose() {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Repo.text(REALM_FILE));
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        assertThat(placeholders).containsExactlyInAnyOrder("CLINIC_INTEGRATION_CLIENT_SECRET", "NOTIFICATION_CLIENT_SECRET",
                "METRICS_CLIENT_SECRET", "CLINIC_EHR_CLIENT_SECRET");
        Map<String, Object> keycloakEnv = mapAt(Repo.yaml("docker-compose.yml"), "services.keycloak.environment");
        assertThat(keycloakEnv).containsKeys(placeholders.toArray(String[]::new));
    }

    /** Keycloak ignores unknown fields at import; failing on them here catches a setting that would not apply. */
    private static ObjectMapper strictKeycloakMapper() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private Map<String, Object> machineClient(String clientId) {
        Map<String, Object> client = client(clientId);
        assertThat(client.get("publicClient")).as(clientId).isEqualTo(false);
        assertThat(client.get("serviceAccountsEnabled")).as(clientId).isEqualTo(true);
        assertThat(client.get("standardFlowEnabled")).as(clientId).isEqualTo(false);
        assertThat(client.get("directAccessGrantsEnabled")).as(clientId).isEqualTo(false);
        assertThat(client.get("implicitFlowEnabled")).as(clientId).isEqualTo(false);
        assertThat(String.valueOf(client.get("secret"))).as(clientId + " secret").matches(PLACEHOLDER);
        return client;
    }

    private Map<String, Object> client(String clientId) {
        return listAt(realm, "clients").stream().map(Yamls::map).filter(c -> clientId.equals(c.get("clientId")))
                .findFirst().orElseThrow(() -> new AssertionError("no client " + clientId));
    }

    private Map<String, Object> scope(String name) {
        return listAt(realm, "clientScopes").stream().map(Yamls::map).filter(s -> name.equals(s.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no client scope " + name));
    }

    private static List<Map<String, Object>> mappers(Map<String, Object> owner) {
        return listAt(owner, "protocolMappers").stream().map(Yamls::map).toList();
    }

    private static List<String> audiences(List<Map<String, Object>> mappers) {
        return mappers.stream().filter(m -> "oidc-audience-mapper".equals(m.get("protocolMapper")))
                .filter(m -> "true".equals(at(m, "config") == null ? null : map(m.get("config")).get("access.token.claim")))
                .map(m -> String.valueOf(map(m.get("config")).get("included.custom.audience"))).toList();
    }
}
