package clinic.support.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One ownership rule for every service: staff everything, others their own, unowned for staff only. */
class OwnerTest {

    private static final Actor PATIENT = new Actor("patient-1", "PATIENT");
    private static final Actor OTHER_PATIENT = new Actor("patient-2", "PATIENT");
    private static final Actor INTEGRATION = new Actor("clinic-integration", Actor.CLIENT);
    private static final Actor CLINICIAN = new Actor("clinician-1", "CLINICIAN");
    private static final Actor OPS = new Actor("ops-1", "OPS");

    @Test
    void ownersReadTheirOwnAndNobodyElses() {
        Owner byPatient = Owner.of(PATIENT);
        Owner byClient = Owner.of(INTEGRATION);

        assertThat(Owner.mayRead(byPatient, PATIENT, "CLINICIAN")).isTrue();
        assertThat(Owner.mayRead(byPatient, OTHER_PATIENT, "CLINICIAN")).isFalse();
        assertThat(Owner.mayRead(byPatient, INTEGRATION, "CLINICIAN")).isFalse();
        assertThat(Owner.mayRead(byClient, INTEGRATION, "CLINICIAN")).isTrue();
        assertThat(Owner.mayRead(byClient, new Actor("other-client", Actor.CLIENT), "CLINICIAN")).isFalse();
    }

    @Test
    void aPersonNamedLikeAClientDoesNotOwnTheClientsResources() {
        Owner byClient = Owner.of(INTEGRATION);
        Actor lookalike = new Actor("clinic-integration", "PATIENT");

        assertThat(Owner.mayRead(byClient, lookalike, "CLINICIAN")).isFalse();
        assertThat(Owner.mayRead(Owner.of(lookalike), INTEGRATION, "CLINICIAN")).isFalse();
    }

    @Test
    void staffRolesNamedByTheServiceReadEverythingIncludingUnownedResources() {
        assertThat(Owner.mayRead(Owner.of(PATIENT), CLINICIAN, "CLINICIAN")).isTrue();
        assertThat(Owner.mayRead(null, CLINICIAN, "CLINICIAN")).isTrue();
        assertThat(Owner.mayRead(Owner.of(PATIENT), OPS, "CLINICIAN")).as("OPS is not staff here").isFalse();
        assertThat(Owner.mayRead(Owner.of(PATIENT), OPS, "CLINICIAN", "OPS")).isTrue();
    }

    @Test
    void unownedOrIdlessResourcesAreForStaffOnly() {
        assertThat(Owner.mayRead(null, PATIENT, "CLINICIAN")).isFalse();
        assertThat(Owner.mayRead(new Owner(Owner.Kind.PERSON, null), new Actor(null, "PATIENT"), "CLINICIAN"))
                .isFalse();
        assertThat(Owner.mayRead(Owner.of(Actor.ANONYMOUS), Actor.ANONYMOUS, "CLINICIAN")).isFalse();
        assertThat(Owner.stored(null, "x")).isNull();
        assertThat(Owner.stored("CLIENT", "clinic-integration")).isEqualTo(Owner.of(INTEGRATION));
    }
}
