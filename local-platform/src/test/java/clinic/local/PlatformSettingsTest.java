package clinic.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher's options and what the services are told about where everything runs. */
class PlatformSettingsTest {

    @Test
    void mailPortsDefaultToTheLocalModeContract() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[0], Map.of());

        assertThat(settings.smtpPort()).isEqualTo(3025);
        assertThat(settings.imapPort()).isEqualTo(3143);
    }

    @Test
    void everyPortCanBeMovedOnTheCommandLine() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[] {"--data-dir=/tmp/x", "--smtp-port=4025",
                "--imap-port=4143", "--intake-port=9081", "--triage-port=9082", "--auth-port=9900"}, Map.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(settings.smtpPort()).isEqualTo(4025);
        assertThat(settings.imapPort()).isEqualTo(4143);
        assertThat(settings.issuer()).isEqualTo("http://localhost:9900");
        assertThat(settings.wiringArgs()).containsExactly(
                "--clinic.links.triage-base-url=http://localhost:9082",
                "--clinic.links.intake-base-url=http://localhost:9081",
                "--clinic.notification.intake.base-url=http://localhost:9081",
                "--spring.mail.host=localhost",
                "--spring.mail.port=4025",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9900",
                "--spring.security.oauth2.client.provider.clinic-tokens.token-uri=http://localhost:9900/oauth2/token");
    }

    @Test
    void triageTrustsThisPlatformsIssuerForCdsHooksAndLinksToItsOwnFhirAddresses() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[] {"--triage-port=9082", "--auth-port=9900"},
                Map.of());

        assertThat(settings.cdsServiceUrl()).isEqualTo("http://localhost:9082/cds-services/heel-pain-triage");
        assertThat(settings.interoperabilityArgs()).containsExactly("--clinic.cds.public-base-url=http://localhost:9082",
                "--clinic.cds.clients[0].issuer=http://localhost:9900",
                "--clinic.cds.clients[0].jwks-uri=http://localhost:9900/oauth2/jwks",
                "--clinic.fhir.public-base-url=http://localhost:9082",
                "--clinic.fhir.intake-base-url=http://localhost:8081/fhir");
    }

    @Test
    void theServiceWithoutPagesLeavesOutTheSessionStoreAndNoServiceRunsTheIssuer() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[0], Map.of());
        String forEveryService = String.join(",", PlatformSettings.NOT_FOR_SERVICES);

        assertThat(settings.pageServiceArgs()).contains("--spring.autoconfigure.exclude=" + forEveryService);
        assertThat(settings.pagelessServiceArgs()).containsExactly("--spring.autoconfigure.exclude=" + forEveryService
                + ",org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration"
                + ",org.springframework.boot.session.autoconfigure.SessionAutoConfiguration");
    }

    @Test
    void serviceSettingsOnTheCommandLineGoToEveryServiceAndMoveNoPort() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[] {"--clinic.intake.rate-limit.patients.capacity=5",
                "--intake-port=9081", "--spring.mail.port=2525"}, Map.of());

        assertThat(settings.serviceOverrides())
                .containsExactly("--clinic.intake.rate-limit.patients.capacity=5", "--spring.mail.port=2525");
        assertThat(settings.intakePort()).isEqualTo(9081);
        assertThat(settings.withServiceOverrides("--clinic.x=1").serviceOverrides()).endsWith("--clinic.x=1");
    }

    @Test
    void managementSettingsGoToTheServicesToo() {
        String otlp = "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces";
        PlatformSettings settings = PlatformSettings.fromArgs(new String[] {otlp}, Map.of());

        assertThat(settings.serviceOverrides()).containsExactly(otlp);
        assertThat(settings.overriding(settings.wiringArgs())).endsWith(otlp);
    }

    @Test
    void anUnknownOptionIsRefusedWithTheListOfKnownOnesInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> PlatformSettings.fromArgs(new String[] {"--intake-prot=9081"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option --intake-prot").hasMessageContaining("--intake-port=")
                .hasMessageContaining("--management.");
        assertThatThrownBy(() -> PlatformSettings.fromArgs(new String[] {"--logging.level.root=debug"}, Map.of()))
                .hasMessageContaining("Unknown option --logging.level.root");
    }

    /** Given a setting twice, Spring reads both values as one list ("3025,2525"), and the port cannot bind. */
    @Test
    void aServiceSettingOnTheCommandLineReplacesTheLaunchersOwnInsteadOfJoiningIt() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[] {"--spring.mail.port=2525"}, Map.of());

        java.util.List<String> args = settings.overriding(settings.wiringArgs());

        assertThat(args).filteredOn(arg -> arg.startsWith("--spring.mail.port=")).containsExactly("--spring.mail.port=2525");
        assertThat(args).contains("--spring.mail.host=localhost").endsWith("--spring.mail.port=2525");
    }

    @Test
    void onlyTheServicesWithPagesAreToldWhereTheyLogPeopleIn() {
        PlatformSettings settings = PlatformSettings.fromArgs(new String[] {"--auth-port=9900"}, Map.of());

        assertThat(settings.pageServiceArgs())
                .contains("--spring.security.oauth2.client.provider.clinic.issuer-uri=http://localhost:9900");
        assertThat(settings.wiringArgs()).noneMatch(arg -> arg.contains("provider.clinic.issuer-uri"));
        assertThat(settings.pagelessServiceArgs()).noneMatch(arg -> arg.contains("provider.clinic.issuer-uri"));
    }

    @Test
    void servicesAndTheIssuerListenOnLoopbackUnlessToldOtherwise() {
        assertThat(PlatformSettings.fromArgs(new String[0], Map.of()).serverArgs(8081))
                .containsExactly("--server.port=8081", "--server.address=127.0.0.1");
        assertThat(PlatformSettings.fromArgs(new String[] {"--bind-address=0.0.0.0"}, Map.of()).serverArgs(9000))
                .containsExactly("--server.port=9000", "--server.address=0.0.0.0");
    }

    @Test
    void argumentsThatAreNotOptionsAreRefused() {
        assertThatThrownBy(() -> PlatformSettings.fromArgs(new String[] {"smtp-port=25"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlatformSettings.fromArgs(new String[] {"--smtp-port=twenty-five"}, Map.of()))
                .isInstanceOf(NumberFormatException.class);
    }
}
