package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.list;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringConfigTest {

    private static final String PROMETHEUS = "deploy/prometheus/prometheus.yml";
    private static final String DASHBOARD = "deploy/grafana/dashboards/clinic-overview.json";

    @Test
    void prometheusScrapesTheActuatorEndpointOfAllThreeServices() {
        List<Object> jobs = listAt(Repo.yaml(PROMETHEUS), "scrape_configs");
        Contract.PORTS.forEach((service, port) -> {
            Map<String, Object> job = jobs.stream().map(Yamls::map).filter(j -> service.equals(j.get("job_name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no scrape job " + service));
            assertThat(job.get("metrics_path")).as(service).isEqualTo(Contract.METRICS);
            List<Object> targets = list(map(list(job.get("static_configs")).get(0)).get("targets"));
            assertThat(targets).as(service).containsExactly(service + ":" + port);
            // the services answer /actuator/prometheus only to a metrics:read token (client clinic-metrics)
            Map<String, Object> oauth2 = map(job.get("oauth2"));
            assertThat(oauth2).as(service).containsEntry("client_id", "clinic-metrics")
                    .containsEntry("token_url", "http://keycloak:8080/realms/clinic/protocol/openid-connect/token")
                    .doesNotContainKey("client_secret");
            assertThat(String.valueOf(oauth2.get("client_secret_file"))).startsWith("/run/clinic/");
        });
    }

    @Test
    void promtoolAcceptsThePrometheusConfigAndItsRules() {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        Tool.Result result = promtool.run("check", "config", PROMETHEUS);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("rules found");
    }

    @Test
    void promtoolRejectsABrokenConfigSoItsVerdictMeansSomething(@TempDir Path dir) throws IOException {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        Path broken = Files.writeString(dir.resolve("prometheus.yml"),
                Repo.text(PROMETHEUS).replace("rule_files:", "rule_filez:"));
        Tool.Result result = promtool.run("check", "config", broken.toString());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    @Test
    void grafanaProvisionsThePrometheusDatasourceTheDashboardUses() {
        Map<String, Object> datasource = map(listAt(Repo.yaml("deploy/grafana/provisioning/datasources/prometheus.yml"),
                "datasources").get(0));
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        Map<String, Object> dashboard = Repo.yaml(DASHBOARD);
        for (Object panel : listAt(dashboard, "panels")) {
            assertThat(string(map(panel), "datasource.uid")).as(String.valueOf(map(panel).get("title")))
                    .isEqualTo(datasource.get("uid"));
        }
        Map<String, Object> provider = map(listAt(Repo.yaml("deploy/grafana/provisioning/dashboards/clinic.yml"),
                "providers").get(0));
        assertThat(string(provider, "options.path")).isEqualTo("/etc/grafana/dashboards");
        assertThat(Repo.text("docker-compose.yml")).contains("./deploy/grafana/dashboards:/etc/grafana/dashboards:ro");
    }

    @Test
    void dashboardShowsOutboxBacklogOpenAlertsDeliveriesAndHttpRates() {
        List<String> expressions = expressions();
        assertThat(expressions).anyMatch(e -> e.contains("clinic_outbox_pending"))
                .anyMatch(e -> e.contains("clinic_alerts_open"))
                .anyMatch(e -> e.contains("clinic_notification_delivery_attempts_total"))
                .anyMatch(e -> e.contains("http_server_requests_seconds_count"))
                .anyMatch(e -> e.contains("clinic_kafka_dead_letters_total"));
    }

    @Test
    void promtoolParsesEveryDashboardQuery(@TempDir Path dir) throws IOException {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        // promtool has no "check query": each expression becomes a recording rule, which it parses fully
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> expressions = expressions();
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                 .append("        expr: '").append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        Tool.Result result = promtool.run("check", "rules", file.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (Object panel : listAt(Repo.yaml(DASHBOARD), "panels")) {
            for (Object target : listAt(map(panel), "targets")) {
                Object expr = at(map(target), "expr");
                assertThat(expr).as("expr of " + map(panel).get("title")).isNotNull();
                expressions.add(String.valueOf(expr));
            }
        }
        assertThat(expressions).isNotEmpty();
        return expressions;
    }
}
