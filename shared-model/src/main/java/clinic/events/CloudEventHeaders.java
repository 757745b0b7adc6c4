package clinic.events;

import java.util.List;

/** Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    /**
     * The CloudEvents extension attributes of this platform, sent as {@code ce_<name>} headers. Consumers that
     * predate one ignore its header, so adding one never breaks a running consumer (unlike a payload field,
     * which the strict schemas would reject).
     */
    public static final List<String> EXTENSIONS = List.of(SubmittedBy.ATTRIBUTE, ReportSubmittedAt.ATTRIBUTE);

    /** The Kafka header of an extension attribute. */
    public static String extensionHeader(String name) {
        return "ce_" + requireKnownExtension(name);
    }

    static String requireKnownExtension(String name) {
        if (!EXTENSIONS.contains(name)) {
            throw new IllegalArgumentException("Not an extension attribute of this platform: " + name);
        }
        return name;
    }

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
