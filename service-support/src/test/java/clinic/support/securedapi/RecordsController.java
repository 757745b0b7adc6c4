package clinic.support.securedapi;

import clinic.support.audit.AuditMarks;
import clinic.support.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Records owned by their creator: a clinician reads any, anyone else only their own (others' look unknown). */
@RestController
class RecordsController {

    private final Map<UUID, String> owners = new ConcurrentHashMap<>();

    @PostMapping(SecuredApiApplication.RECORDS)
    ResponseEntity<Map<String, Object>> create() {
        UUID id = UUID.randomUUID();
        owners.put(id, Actor.current().id());
        AuditMarks.created(id);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("recordId", id));
    }

    @GetMapping(SecuredApiApplication.RECORDS)
    List<UUID> list(@RequestParam String ownerId) {
        return owners.entrySet().stream().filter(entry -> entry.getValue().equals(ownerId)).map(Map.Entry::getKey)
                .toList();
    }

    @GetMapping(SecuredApiApplication.RECORDS + "/{recordId}")
    ResponseEntity<Map<String, Object>> read(@PathVariable UUID recordId) {
        Actor reader = Actor.current();
        String owner = owners.get(recordId);
        if (owner != null && !reader.hasRole("CLINICIAN") && !owner.equals(reader.id())) {
            AuditMarks.deniedObject();
            owner = null;
        }
        return owner == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(Map.of("recordId", recordId));
    }
}
