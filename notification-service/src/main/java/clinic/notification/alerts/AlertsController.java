package clinic.notification.alerts;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** The clinicians' alert queue. */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsController {

    private final AlertQueue queue;

    AlertsController(AlertQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    List<AlertView> openAlerts() {
        return queue.open();
    }

    @PostMapping("/{alertId}/acknowledgement")
    AlertView acknowledge(@PathVariable UUID alertId, @Valid @RequestBody AcknowledgementRequest request) {
        return queue.acknowledge(alertId, request.acknowledgedBy().strip());
    }
}
