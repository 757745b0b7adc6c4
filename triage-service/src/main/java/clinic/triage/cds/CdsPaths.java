package clinic.triage.cds;

/** The CDS Hooks addresses of triage: discovery, the one service, its feedback. */
public final class CdsPaths {

    public static final String SERVICES = "/cds-services";
    public static final String SERVICE_ID = "heel-pain-triage";
    public static final String SERVICE = SERVICES + "/" + SERVICE_ID;
    public static final String FEEDBACK = SERVICE + "/feedback";
    /** Our own hook: fired when a patient's heel-pain intake QuestionnaireResponse is signed in the EHR. */
    public static final String HOOK = "heel-pain-intake-signed";

    private CdsPaths() {
    }
}
