package clinic.notification.delivery;

/**
 * A delivery attempt failed. {@code errorClass} is what the delivery log records: an exception class name
 * or a code such as {@code HTTP_503}, never a message (messages can quote addresses or content).
 */
public class DeliveryFailure extends Exception {

    private final Outcome outcome;
    private final String errorClass;

    private DeliveryFailure(Outcome outcome, String errorClass, Throwable cause) {
        super(outcome + " " + errorClass, cause, false, false);
        this.outcome = outcome;
        this.errorClass = errorClass;
    }

    /** Worth retrying later: the server was down, busy or answered 5xx. */
    public static DeliveryFailure transientFailure(String errorClass, Throwable cause) {
        return new DeliveryFailure(Outcome.TRANSIENT_FAILURE, errorClass, cause);
    }

    /** The receiver did not answer in time: retried like a transient failure, logged apart. */
    public static DeliveryFailure timeout(String errorClass, Throwable cause) {
        return new DeliveryFailure(Outcome.TIMEOUT, errorClass, cause);
    }

    /** No retry can help: an unknown patient, a rejected request, a channel switched off. */
    public static DeliveryFailure permanent(String errorClass, Throwable cause) {
        return new DeliveryFailure(Outcome.PERMANENT_FAILURE, errorClass, cause);
    }

    public Outcome outcome() {
        return outcome;
    }

    public String errorClass() {
        return errorClass;
    }
}
