package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;
import clinic.intake.idempotency.IdempotencyKey;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of a submission under an idempotency key: the SHA-256 of its canonical form, so a retry is told
 * from a different request without keeping the request (it holds patient data). Canonical: the validated request
 * (the patient and the answers, as stored), fields sorted by name and each set's values sorted, so the same answers
 * sent in another order, with other spacing or through the form are the same request.
 */
final class SubmissionFingerprint {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SubmissionFingerprint() {
    }

    static String of(PatientDetails patient, IntakeAnswers answers) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("patient", canonical(patient));
        canonical.put("answers", canonical(answers));
        return IdempotencyKey.sha256(JSON.writeValueAsBytes(canonical));
    }

    private static Map<String, Object> canonical(Record record) {
        Map<String, Object> fields = new TreeMap<>();
        for (var component : record.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), canonicalValue(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("record component " + component.getName(), e);
            }
        }
        return fields;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Record nested) {
            return canonical(nested);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).sorted(Comparator.naturalOrder()).toList();
        }
        return value instanceof Enum<?> constant ? constant.name() : value;
    }
}
