package clinic.bench.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options ({@code --name=value}); defaults are the local platform's default ports and the
 * benchmark's defaults described in benchmarks/README.md. {@code benchmarks/run.sh} passes the ports of the
 * platform it started.
 */
record LoadOptions(String intake, String triage, String notification, String issuer, String kafka, int imapPort,
                   String clinicianToken, String clientId, String clientSecret, String metricsClientId,
                   String metricsClientSecret, Duration duration, Duration warmup, double warmupRate,
                   List<Double> rates, double maxRate, double measureRate, Duration drainWindow, Duration settleLimit,
                   double httpP99LimitMs, int idleReports, int samplePerClass, int fetchers, int maxInFlight,
                   long rawRecords, int rawRelays, int partitions) {

    static final String DEFAULT_RATES = "100,200,400,600,800,1000,1200,1500,2000,2500,3000";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("intake", "http://localhost:8081"), Map.entry("triage", "http://localhost:8082"),
            Map.entry("notification", "http://localhost:8083"), Map.entry("issuer", "http://localhost:9000"),
            Map.entry("kafka", "localhost:9092"), Map.entry("imap-port", "3143"), Map.entry("clinician-token", ""),
            Map.entry("client-id", "clinic-integration"), Map.entry("client-secret", "clinic-integration-secret"),
            Map.entry("metrics-client-id", "clinic-metrics"),
            Map.entry("metrics-client-secret", "clinic-metrics-secret"),
            Map.entry("duration-s", "20"), Map.entry("warmup-s", "10"), Map.entry("warmup-rate", "50"),
            Map.entry("rates", DEFAULT_RATES), Map.entry("max-rate", "0"), Map.entry("measure-rate", "0"),
            Map.entry("drain-s", "5"), Map.entry("settle-s", "120"), Map.entry("http-p99-limit-ms", "1000"),
            Map.entry("idle-reports", "50"), Map.entry("sample", "2000"), Map.entry("fetchers", "8"),
            Map.entry("max-in-flight", "256"), Map.entry("raw-records", "200000"), Map.entry("raw-relays", "2"),
            Map.entry("partitions", "3"));

    static final Set<String> NAMES = DEFAULTS.keySet();

    /** The option names with their defaults, for {@code --help}. */
    static String usage() {
        StringBuilder usage = new StringBuilder("options (--name=value), with their defaults:\n");
        DEFAULTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> usage.append("  --").append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        return usage.toString();
    }

    static LoadOptions parse(String[] args) {
        Map<String, String> o = new HashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: --" + String.join("=, --",
                        NAMES.stream().sorted().toList()) + "=");
            }
            o.put(name, arg.substring(equals + 1));
        }
        double maxRate = Double.parseDouble(o.get("max-rate"));
        List<Double> rates = Arrays.stream(o.get("rates").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Double::parseDouble).filter(r -> maxRate <= 0 || r <= maxRate).sorted().toList();
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no rate left to try (--rates=" + o.get("rates") + ", --max-rate="
                    + o.get("max-rate") + ")");
        }
        LoadOptions options = new LoadOptions(o.get("intake"), o.get("triage"), o.get("notification"), o.get("issuer"),
                o.get("kafka"), Integer.parseInt(o.get("imap-port")), o.get("clinician-token"), o.get("client-id"),
                o.get("client-secret"), o.get("metrics-client-id"), o.get("metrics-client-secret"),
                seconds(o, "duration-s"), seconds(o, "warmup-s"), Double.parseDouble(o.get("warmup-rate")), rates,
                maxRate, Double.parseDouble(o.get("measure-rate")), seconds(o, "drain-s"), seconds(o, "settle-s"),
                Double.parseDouble(o.get("http-p99-limit-ms")), Integer.parseInt(o.get("idle-reports")),
                Integer.parseInt(o.get("sample")), Integer.parseInt(o.get("fetchers")),
                Integer.parseInt(o.get("max-in-flight")), Long.parseLong(o.get("raw-records")),
                Integer.parseInt(o.get("raw-relays")), Integer.parseInt(o.get("partitions")));
        if (options.idleReports() > 0 && options.clinicianToken().isBlank()) {
            throw new IllegalArgumentException("--clinician-token=<JWT> is required for the idle alert latency (the "
                    + "feed is the clinicians' work queue), or --idle-reports=0 to leave it out");
        }
        return options;
    }

    private static Duration seconds(Map<String, String> o, String name) {
        return Duration.ofMillis(Math.round(Double.parseDouble(o.get(name)) * 1000));
    }
}
