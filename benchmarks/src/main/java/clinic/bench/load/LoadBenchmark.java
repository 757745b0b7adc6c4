package clinic.bench.load;

import clinic.bench.Latencies;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The load benchmark of the whole pipeline, against a running local platform (benchmarks/run.sh starts one and
 * runs this): warm-up, the sustained-rate search, the idle alert latency, the latencies at half the sustained
 * rate, and a raw Kafka baseline on the same broker. Progress goes to stderr while it runs; the table and the
 * RESULT line go to stdout at the end. See benchmarks/README.md for what each figure means.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar clinic.bench.load.LoadBenchmark --clinician-token=JWT
 *     [--intake=http://localhost:8081 ... see LoadOptions]</pre>
 */
public final class LoadBenchmark {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // before any Kafka class logs: the client's INFO lines would bury the progress output
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(LoadOptions.usage());
            return;
        }
        LoadOptions o = LoadOptions.parse(args);
        JsonMapper json = JsonMapper.builder().build();
        // HTTP/1.1 as a browser or integration would use against these services (no h2c upgrade attempts)
        HttpClient loadHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient controlHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        ReportMix mix = ReportMix.standard(json);
        AccessTokens submitToken = new AccessTokens(controlHttp, o.issuer(), o.clientId(), o.clientSecret(),
                "reports:write reports:read notifications:read", json);
        AccessTokens metricsToken = new AccessTokens(controlHttp, o.issuer(), o.metricsClientId(),
                o.metricsClientSecret(), "metrics:read", json);
        PlatformCounters counters = new PlatformCounters(controlHttp, metricsToken, o.intake(), o.triage(),
                o.notification());
        SubmittedReports submitted = new SubmittedReports();
        PlatformCounters.Snapshot base = counters.read();
        OpenLoopLoad load = new OpenLoopLoad(loadHttp, o.intake(), submitToken, mix, submitted, o.maxInFlight());
        LoadStep step = new LoadStep(load, counters, base, submitted, o.httpP99LimitMs());
        ResultTable table = new ResultTable();

        progress("mix verified against the triage engine: %d%% self-care, %d%% urgent, %d%% routine, %d%% emergency",
                ReportClass.SELF_CARE.perBlock * 2, ReportClass.URGENT_REVIEW.perBlock * 2,
                ReportClass.ROUTINE_REVIEW.perBlock * 2, ReportClass.EMERGENCY.perBlock * 2);
        progress("warm-up: %.0f reports/s for %d s", o.warmupRate(), o.warmup().toSeconds());
        StepResult warmup = step.run(o.warmupRate(), o.warmup(), o.settleLimit());
        progress("%s", ResultTable.stepRow(ResultTable.WARM_UP, warmup));

        progress("sustained-rate search: steps of %d s, drain window %d s, rates %s", o.duration().toSeconds(),
                o.drainWindow().toSeconds(), o.rates());
        progress("%s", ResultTable.stepHeader());
        SustainedRateSearch search = new SustainedRateSearch(step, o.duration(), o.drainWindow(), o.settleLimit(),
                r -> progress("%s", ResultTable.stepRow(String.format(Locale.ROOT, "%.0f", r.record().rate), r)));
        double sustained = search.search(o.rates());
        PipelineDrain.Outcome settled = step.settle(o.settleLimit());
        progress("highest sustained rate %.0f/s; backlog %s", sustained,
                settled.caughtUp() ? "cleared" : "NOT cleared within " + o.settleLimit().toSeconds() + " s");

        IdleAlertLatency.Result idle = null;
        if (o.idleReports() > 0) {
            progress("idle alert latency: %d red-flag reports, one at a time", o.idleReports());
            idle = new IdleAlertLatency(controlHttp, o.intake(), o.notification(), o.imapPort(), o.clinicianToken(),
                    submitToken, submitted, json).measure(o.idleReports(), Duration.ofSeconds(30));
            progress("%s", ResultTable.latencyRow("alert-raised on SSE", idle.sse()));
            progress("%s", ResultTable.latencyRow("email", idle.email()));
            step.settle(o.settleLimit());
        }

        double measureRate = o.measureRate() > 0 ? o.measureRate() : Math.max(1, Math.round(sustained / 2));
        progress("measuring at %.0f reports/s for %d s", measureRate, o.duration().toSeconds());
        StepResult measured = step.run(measureRate, o.duration(), o.drainWindow());
        progress("%s", ResultTable.stepRow(String.format(Locale.ROOT, "%.0f", measureRate), measured));
        PipelineDrain.Outcome measuredDrain = measured.drain().caughtUp() ? measured.drain()
                : step.settle(o.settleLimit());
        EndToEndSample e2e = new EndToEndSample(controlHttp, o.intake(), o.notification(), submitToken, json,
                o.fetchers());
        List<EndToEndSample.Accepted> urgentIds = EndToEndSample.sample(
                measured.record().accepted(ReportClass::urgent), o.samplePerClass());
        List<EndToEndSample.Accepted> selfCareIds = EndToEndSample.sample(
                measured.record().accepted(c -> c == ReportClass.SELF_CARE), o.samplePerClass());
        List<EndToEndSample.Accepted> routineIds = EndToEndSample.sample(
                measured.record().accepted(c -> c == ReportClass.ROUTINE_REVIEW), o.samplePerClass());
        progress("end-to-end sample: %d urgent, %d self-care, %d routine reports", urgentIds.size(),
                selfCareIds.size(), routineIds.size());
        Latencies urgent = e2e.measure("urgent", urgentIds);
        Latencies selfCare = e2e.measure("self-care", selfCareIds);
        Latencies routine = e2e.measure("routine", routineIds);

        progress("raw Kafka baseline: %d records through %d relays", o.rawRecords(), o.rawRelays());
        RawKafkaBaseline.Result raw = new RawKafkaBaseline(o.kafka(), o.partitions())
                .run(o.rawRecords(), o.rawRelays(), mix.firstOf(ReportClass.SELF_CARE), Duration.ofSeconds(120));
        PlatformCounters.Snapshot total = counters.read().since(base);

        table.line("");
        table.line("== Sustained-rate search (steps of %d s; drain window %d s; sustained = no HTTP errors, 202s"
                        + " at >= %.0f%% of the rate, HTTP p99 <= %.0f ms, backlog not growing, all decided+notified"
                        + "+emailed within the window) ==", o.duration().toSeconds(), o.drainWindow().toSeconds(),
                StepResult.MIN_ACHIEVED_SHARE * 100, o.httpP99LimitMs());
        table.line("%s", ResultTable.stepHeader());
        table.line("%s", ResultTable.stepRow(ResultTable.WARM_UP, warmup));
        for (StepResult r : search.steps()) {
            table.line("%s", ResultTable.stepRow(String.format(Locale.ROOT, "%.0f", r.record().rate), r));
        }
        table.line("highest sustained rate: %.0f reports/s", sustained);
        table.line("cores = the platform JVM's CPU time over the step (load and drain) / its wall time, on a machine"
                + " of %d cores shared with this generator; cpu ms/r = that CPU time / the step's 202s ('>' when the"
                + " step's reports were not all through by the end of the window)",
                Runtime.getRuntime().availableProcessors());
        table.line("");
        table.line("== At %.0f reports/s (%s) for %d s ==", measureRate,
                o.measureRate() > 0 ? "--measure-rate" : "half the highest sustained rate", o.duration().toSeconds());
        table.line("%s", ResultTable.stepHeader());
        table.line("%s", ResultTable.stepRow(String.format(Locale.ROOT, "%.0f", measureRate), measured));
        table.line("%s", ResultTable.latencyRow("HTTP 202, from scheduled send", measured.record().httpLatencies()));
        table.line("  end to end: report submittedAt (intake) -> first notification createdAt (notification)%s",
                measuredDrain.caughtUp() ? "" : "  [backlog not cleared: missing ones had no notification yet]");
        table.line("%s", ResultTable.latencyRow("urgent (URGENT_REVIEW + EMERGENCY)", urgent));
        table.line("%s", ResultTable.latencyRow("self-care (SELF_CARE)", selfCare));
        table.line("%s", ResultTable.latencyRow("routine (ROUTINE_REVIEW), for reference", routine));
        table.line("  decided otherwise than the mix intended: %d of the sampled reports", e2e.wrongDispositions());
        if (e2e.firstFailure() != null) {
            table.line("  asking the APIs about a sampled report failed, first: %s", e2e.firstFailure());
        }
        table.line("");
        if (idle != null) {
            table.line("== Idle: %d red-flag reports one at a time (from the HTTP 202) ==", o.idleReports());
            table.line("%s", ResultTable.latencyRow("-> alert-raised on the SSE feed", idle.sse()));
            table.line("%s", ResultTable.latencyRow("-> email in oncall@clinic.local (IMAP)", idle.email()));
            table.line("");
        }
        table.line("== Raw Kafka baseline (same broker, same payloads of %d B, producer -> %d relay(s) -> counter,"
                + " %d partitions, acks=all) ==", raw.payloadBytes(), raw.relays(), o.partitions());
        table.line("  %d of %d records counted in %.2f s: %.0f records/s", raw.counted(), raw.records(), raw.seconds(),
                raw.rate());
        table.line("");
        table.line("platform counters over the run: %d accepted, %d decided, %d patient notices, %d clinician alerts, "
                        + "%d escalations, %d dead letters, %d emails pending", submitted.accepted(), total.decided(),
                total.patientNotices(), total.clinicianAlerts(), total.escalations(), total.deadLetters(),
                total.deliveriesPending());
        table.line("%s", ResultTable.result(sustained, measured.httpP99(), urgent.percentile(0.99),
                selfCare.percentile(0.99), idle == null ? Double.NaN : idle.sse().percentile(0.50),
                idle == null ? Double.NaN : idle.sse().percentile(0.99), raw.rate()));
        table.print();
        System.exit(0); // the HTTP clients' and the feed's threads would keep the JVM alive a while
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", LocalTime.now().format(CLOCK),
                String.format(Locale.ROOT, format, args));
    }
}
