package clinic.notification.alerts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Who acknowledges an alert: the clinician's name or staff id. */
record AcknowledgementRequest(@NotBlank @Size(max = 200) String acknowledgedBy) {
}
