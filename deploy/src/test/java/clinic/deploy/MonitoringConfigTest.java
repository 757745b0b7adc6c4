package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.list;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringConfigTest {

    private static final String PROMETHEUS = "deploy/prometheus/prometheus.yml";
    /** Prometheus beside {@code java -jar local-platform.jar}: default ports, the launcher's issuer on 9000. */
    private static final String LOCAL_PROMETHEUS = "deploy/prometheus/local-platform.yml";
    private static final String DASHBOARD = "deploy/grafana/dashboards/clinic-overview.json";
    private static final String RULES_DIR = "deploy/prometheus/rules";
    private static final String RULES = RULES_DIR + "/clinic-alerts.yml";
    /** promtool's unit tests of RULES; the .yaml ending keeps them out of prometheus.yml's rules/*.yml glob. */
    private static final String RULE_TESTS = RULES_DIR + "/clinic-alerts.test.yaml";

    @Test
    void prometheusScrapesTheActuatorEndpointOfAllThreeServices() {
        List<Object> jobs = listAt(Repo.yaml(PROMETHEUS), "scrape_configs");
        Contract.PORTS.forEach((service, port) -> {
            Map<String, Object> job = scrapeJob(jobs, service);
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

    private static Map<String, Object> scrapeJob(List<Object> jobs, String service) {
        return jobs.stream().map(Yamls::map).filter(job -> service.equals(job.get("job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no scrape job " + service));
    }

    @Test
    void promtoolAcceptsThePrometheusConfigAndItsRules() {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        Tool.Result result = promtool.run("check", "config", PROMETHEUS);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("rules found");
    }

    @Test
    void theLocalModeConfigScrapesTheLaunchersServicesWithTheLocalMetricsClientAndTheSameRules() {
        List<Object> jobs = listAt(Repo.yaml(LOCAL_PROMETHEUS), "scrape_configs");
        assertThat(jobs).hasSize(Contract.PORTS.size());
        Contract.PORTS.forEach((service, port) -> {
            Map<String, Object> job = scrapeJob(jobs, service);
            assertThat(job.get("metrics_path")).as(service).isEqualTo(Contract.METRICS);
            Map<String, Object> target = map(list(job.get("static_configs")).get(0));
            assertThat(list(target.get("targets"))).as(service).containsExactly("localhost:" + port);
            // the label the alert rules and the dashboard select on
            assertThat(map(target.get("labels"))).as(service).containsEntry("application", service);
            // the local issuer grants a client-credentials token only the scopes it is asked for
            Map<String, Object> oauth2 = map(job.get("oauth2"));
            assertThat(oauth2).as(service).containsEntry("client_id", "clinic-metrics")
                    .containsEntry("token_url", "http://localhost:9000/oauth2/token");
            assertThat(list(oauth2.get("scopes"))).as(service).containsExactly("metrics:read");
        });
        assertThat(listAt(Repo.yaml(LOCAL_PROMETHEUS), "rule_files"))
                .isEqualTo(listAt(Repo.yaml(PROMETHEUS), "rule_files"));
    }

    @Test
    void promtoolAcceptsTheLocalModeConfigAndItsRules() {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        Tool.Result result = promtool.run("check", "config", LOCAL_PROMETHEUS);
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
    void theRuleFilesGlobLoadsEveryRuleFileAndNoneOfTheirTests() {
        Path prometheusDir = Repo.path("deploy/prometheus");
        List<PathMatcher> globs = listAt(Repo.yaml(PROMETHEUS), "rule_files").stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        Set<String> ruleFiles = new TreeSet<>();
        Set<String> testFiles = new TreeSet<>();
        Set<String> loaded = new TreeSet<>();
        for (Path file : Repo.files(RULES_DIR, "")) {
            String relative = prometheusDir.relativize(file).toString();
            Map<String, Object> doc = Repo.yaml(Repo.ROOT.relativize(file).toString());
            (doc.containsKey("tests") ? testFiles : ruleFiles).add(relative);
            if (globs.stream().anyMatch(glob -> glob.matches(Path.of(relative)))) {
                loaded.add(relative);
            }
        }
        assertThat(ruleFiles).contains("rules/clinic-alerts.yml");
        assertThat(testFiles).contains("rules/clinic-alerts.test.yaml");
        assertThat(loaded).as("files Prometheus loads as rules").isEqualTo(ruleFiles);
        // the tests exercise the very file Prometheus loads, not a copy
        assertThat(listAt(Repo.yaml(RULE_TESTS), "rule_files")).containsExactly("clinic-alerts.yml");
    }

    @Test
    void promtoolUnitTestsOfTheAlertRulesPass() {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        Tool.Result result = promtool.run("test", "rules", RULE_TESTS);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertIsUnitTestedBothFiringAndQuiet() {
        Set<String> alerts = new TreeSet<>();
        for (Object group : listAt(Repo.yaml(RULES), "groups")) {
            for (Object rule : listAt(map(group), "rules")) {
                Object alert = map(rule).get("alert");
                if (alert != null) {
                    alerts.add(String.valueOf(alert));
                }
            }
        }
        assertThat(alerts).contains("UrgentAlertUnacknowledgedPastDeadline", "UrgentReviewDeadLetter",
                "OutboxOldestEventStale", "UrgentLatencySloFastBurn", "UrgentLatencySloSlowBurn");
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Object test : listAt(Repo.yaml(RULE_TESTS), "tests")) {
            for (Object check : listAt(map(test), "alert_rule_test")) {
                String alert = string(map(check), "alertname");
                (listAt(map(check), "exp_alerts").isEmpty() ? quiet : firing).add(alert);
            }
        }
        assertThat(firing).as("alerts shown firing").containsAll(alerts);
        assertThat(quiet).as("alerts shown not firing").containsAll(alerts);
    }

    /** One deliberate fault in a temporary copy of the rules (or of their tests), and the failure it must cause. */
    record Fault(String description, boolean inTests, String from, String to, String failure) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Fault> faults() {
        String urgentTopic = "{topic=\"clinic.urgent-reviews.v1\"}";
        return Stream.of(
                new Fault("outbox threshold 600 s instead of 60 s", false,
                        "pending_age_seconds) > 60", "pending_age_seconds) > 600",
                        "alertname: OutboxOldestEventStale,"),
                new Fault("overdue page on P2 instead of P1", false, "clinic_alerts_overdue{priority=\"P1\"}",
                        "clinic_alerts_overdue{priority=\"P2\"}", "alertname: UrgentAlertUnacknowledgedPastDeadline,"),
                new Fault("urgent dead letters looked up under the .dlt topic", false, urgentTopic,
                        "{topic=\"clinic.urgent-reviews.v1.dlt\"}", "alertname: UrgentReviewDeadLetter,"),
                new Fault("a dead-letter series that first appears is missed", false,
                        urgentTopic + " offset 10m", urgentTopic, "alertname: UrgentReviewDeadLetter,"),
                new Fault("fast burn threshold 44x instead of 14.4x", false, "(14.4 * 0.01)", "(44 * 0.01)",
                        "alertname: UrgentLatencySloFastBurn,"),
                new Fault("slow burn threshold 16x instead of 6x", false, "(6 * 0.01)", "(16 * 0.01)",
                        "alertname: UrgentLatencySloSlowBurn,"),
                new Fault("SLO bucket 10 s instead of 5 s", false, "le=\"5.0\"", "le=\"10.0\"",
                        "expr: \"path:clinic_pipeline_latency_over_5s:ratio_rate5m\""),
                new Fault("no guard against dividing by zero traffic", false, "[5m])) > 0)", "[5m])))",
                        "expr: \"path:clinic_pipeline_latency_over_5s:ratio_rate5m\""),
                new Fault("a test expecting the P1 page as a ticket", true,
                        "severity: page\n              application: notification-service\n              priority: P1",
                        "severity: ticket\n              application: notification-service\n              priority: P1",
                        "alertname: UrgentAlertUnacknowledgedPastDeadline,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void promtoolTestRulesCatchesABrokenRuleOrExpectation(Fault fault, @TempDir Path dir) throws IOException {
        Tool promtool = Tool.require(RequiredTool.PROMTOOL, getClass());
        String rules = Repo.text(RULES);
        String tests = Repo.text(RULE_TESTS);
        String original = fault.inTests() ? tests : rules;
        assertThat(original).as("the text the fault replaces").contains(fault.from());
        String broken = original.replace(fault.from(), fault.to());
        Files.writeString(dir.resolve("clinic-alerts.yml"), fault.inTests() ? rules : broken);
        Path testFile = Files.writeString(dir.resolve("clinic-alerts.test.yaml"), fault.inTests() ? broken : tests);
        Tool.Result result = promtool.run("test", "rules", testFile.toString());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("FAILED").contains(fault.failure());
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
    void dashboardShowsTheMetricsOfIssue16() {
        List<String> expressions = expressions();
        for (String metric : List.of("clinic_reports_received_total", "clinic_triage_decisions_total",
                "clinic_triage_red_flags_total", "clinic_pipeline_latency_seconds_bucket", "clinic_alerts_open",
                "clinic_alerts_escalated", "clinic_alerts_overdue", "clinic_outbox_oldest_pending_age_seconds",
                "clinic_outbox_pending", "clinic_kafka_dead_letters_total",
                "clinic_alert_acknowledgement_seconds_bucket", "clinic_notifications_delivered_total")) {
            assertThat(expressions).as("a query of " + metric)
                    .anyMatch(e -> e.matches("(?s).*\\b" + metric + "\\b.*"));
        }
        assertThat(expressions).as("intake by channel, decisions by disposition, red flags by flag, dead letters")
                .anyMatch(e -> e.contains("by (channel)") && e.contains("clinic_reports_received_total"))
                .anyMatch(e -> e.contains("by (disposition)") && e.contains("clinic_triage_decisions_total"))
                .anyMatch(e -> e.contains("by (flag)") && e.contains("clinic_triage_red_flags_total"))
                .anyMatch(e -> e.contains("topic") && e.contains("clinic_kafka_dead_letters_total"));
    }

    @Test
    void urgentLatencyPanelShowsP50P95AndP99AgainstTheFiveSecondObjective() {
        Map<String, Object> panel = listAt(Repo.yaml(DASHBOARD), "panels").stream().map(Yamls::map)
                .filter(p -> listAt(p, "targets").stream().anyMatch(t -> String.valueOf(map(t).get("expr"))
                        .contains("clinic_pipeline_latency_seconds_bucket{path=\"urgent\"}")))
                .filter(p -> "timeseries".equals(p.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no urgent latency panel"));
        List<String> queries = listAt(panel, "targets").stream().map(t -> String.valueOf(map(t).get("expr"))).toList();
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertThat(queries).anyMatch(q -> q.startsWith("histogram_quantile(" + quantile + ","));
        }
        assertThat(string(panel, "fieldConfig.defaults.unit")).isEqualTo("s");
        assertThat(string(panel, "fieldConfig.defaults.custom.thresholdsStyle.mode")).isEqualTo("line");
        assertThat(listAt(panel, "fieldConfig.defaults.thresholds.steps")).extracting(step -> map(step).get("value"))
                .as("a threshold at the 5 s objective")
                .anyMatch(value -> value instanceof Number n && n.doubleValue() == 5);
    }

    @Test
    void grafanaHasAJaegerDatasourceAndTheDashboardLinksToTheTraces() {
        Map<String, Object> jaeger = map(listAt(Repo.yaml("deploy/grafana/provisioning/datasources/jaeger.yml"),
                "datasources").get(0));
        assertThat(jaeger).containsEntry("type", "jaeger").containsEntry("url", "http://jaeger:16686");
        assertThat(Yamls.mapAt(Repo.yaml("docker-compose.yml"), "services")).containsKey("jaeger");
        assertThat(listAt(Repo.yaml(DASHBOARD), "links")).extracting(link -> map(link).get("url"))
                .contains("http://127.0.0.1:16686/search");
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
