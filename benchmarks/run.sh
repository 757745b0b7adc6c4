#!/usr/bin/env bash
# Load benchmark of the whole pipeline (intake -> triage -> notification, email on), on a local platform of its own.
#
#   benchmarks/run.sh [--duration SECONDS] [--jfr] [--offline] [--no-build]
#
#   --duration SECONDS  length of each load step (default 20; the whole run then takes about 4-10 minutes)
#   --jfr               record the platform JVM with Java Flight Recorder (settings=profile); says where the file is
#   --offline           build with ./mvnw -o only (default: offline first, then with downloads if that fails)
#   --no-build          use the jars already in local-platform/target and benchmarks/target
#
# Builds local-platform and benchmarks, starts the local platform from its jar in a fresh temporary data folder
# on ports 29xxx (BENCH_PORT_BASE, default 29000: issuer +0, SMTP +25, intake +81, triage +82, notification +83,
# Kafka +92/+93, IMAP +143), so a platform of your own on the default ports and the tests are not disturbed,
# runs clinic.bench.load.LoadBenchmark against it, stops it, and prints the table with the RESULT line last.
# The platform runs as shipped except for one documented setting: the submission quota of the benchmark's
# client (clinic-integration) is raised, see intake-service/README.md "Submission quotas".
#
# Environment overrides (optional): BENCH_RATES (comma-separated ladder, default
# 100,200,400,600,800,1000,1200,1500,2000,2500,3000), BENCH_MAX_RATE (leave out rates above it), BENCH_MEASURE_RATE
# (measure at this rate instead of half the sustained one), BENCH_WARMUP_S (10), BENCH_DRAIN_S (5),
# BENCH_IDLE_REPORTS (50), BENCH_SAMPLE (2000 reports per class for end-to-end), BENCH_RAW_RECORDS (200000),
# BENCH_RAW_RELAYS (2), BENCH_ARGS (more LoadBenchmark options), BENCH_PLATFORM_JAVA_OPTS, BENCH_TOOL_JAVA_OPTS,
# BENCH_START_TIMEOUT_S (300), BENCH_KEEP_DATA=1 (keep the platform's data folder afterwards).
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
}

log() {
  printf '[run.sh] %s\n' "$*" >&2
}

die() {
  log "$*"
  exit 1
}

DURATION=20
JFR=false
BUILD=true
OFFLINE=false
while (($#)); do
  case "$1" in
    --duration) DURATION="${2:-}"; shift 2 || die "--duration needs a number of seconds" ;;
    --duration=*) DURATION="${1#*=}"; shift ;;
    --jfr) JFR=true; shift ;;
    -o | --offline) OFFLINE=true; shift ;;
    --no-build) BUILD=false; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be a whole number of seconds, got '$DURATION'"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT_BASE="${BENCH_PORT_BASE:-29000}"
AUTH_PORT=$PORT_BASE
SMTP_PORT=$((PORT_BASE + 25))
INTAKE_PORT=$((PORT_BASE + 81))
TRIAGE_PORT=$((PORT_BASE + 82))
NOTIFICATION_PORT=$((PORT_BASE + 83))
KAFKA_PORT=$((PORT_BASE + 92))
CONTROLLER_PORT=$((PORT_BASE + 93))
IMAP_PORT=$((PORT_BASE + 143))

for port in $AUTH_PORT $SMTP_PORT $INTAKE_PORT $TRIAGE_PORT $NOTIFICATION_PORT $KAFKA_PORT $CONTROLLER_PORT $IMAP_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (another benchmark or platform?); set BENCH_PORT_BASE to move all ports"
  fi
done

if $BUILD; then
  MVN=(./mvnw -q -DskipTests -pl benchmarks,local-platform -am package)
  log "building: ${MVN[*]} (offline first)"
  if ! (cd "$ROOT" && "${MVN[@]}" -o); then
    $OFFLINE && die "the offline build failed"
    log "the offline build failed; trying again with downloads allowed"
    (cd "$ROOT" && "${MVN[@]}") || die "the build failed"
  fi
fi
for jar in "$ROOT/local-platform/target/local-platform.jar" "$ROOT/benchmarks/target/benchmarks.jar"; do
  [[ -f "$jar" ]] || die "$jar is missing: build without --no-build"
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/clinic-load.XXXXXX")"
# copies, so that a rebuild while the benchmark runs cannot change the jars under the running JVMs
cp "$ROOT/local-platform/target/local-platform.jar" "$ROOT/benchmarks/target/benchmarks.jar" "$WORK/"
PLATFORM_PID=""
TOOL_PID=""

stop_platform() {
  if [[ -n "$PLATFORM_PID" ]] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    log "stopping the platform (pid $PLATFORM_PID)"
    kill -TERM "$PLATFORM_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$PLATFORM_PID" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$PLATFORM_PID" 2>/dev/null; then
      log "the platform did not stop within 60 s; killing it"
      kill -KILL "$PLATFORM_PID" 2>/dev/null || true
    fi
    wait "$PLATFORM_PID" 2>/dev/null || true
  fi
  PLATFORM_PID=""
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$TOOL_PID" ]] && kill -0 "$TOOL_PID" 2>/dev/null; then
    kill -TERM "$TOOL_PID" 2>/dev/null || true
    wait "$TOOL_PID" 2>/dev/null || true
  fi
  stop_platform
  rm -f "$WORK/local-platform.jar" "$WORK/benchmarks.jar"
  if [[ "${BENCH_KEEP_DATA:-0}" != 1 ]]; then
    rm -rf "$WORK/data"
  fi
  if ((status != 0)); then
    log "failed (exit $status); the platform's log is $WORK/platform.log"
    if $JFR && [[ -f "$WORK/platform.jfr" ]]; then
      log "JFR recording of the platform: $WORK/platform.jfr"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

QUOTA_CLIENT=clinic-integration
QUOTA=(--clinic.intake.rate-limit.clients.$QUOTA_CLIENT.capacity=1000000
  --clinic.intake.rate-limit.clients.$QUOTA_CLIENT.refill-tokens=1000000
  --clinic.intake.rate-limit.clients.$QUOTA_CLIENT.refill-period=1s)
log "submission quota: raising the quota of the benchmark's client '$QUOTA_CLIENT' only, through the documented"
log "  setting clinic.intake.rate-limit.clients.<client-id>.* (intake-service/README.md, 'Submission quotas'):"
log "  ${QUOTA[*]}"
log "  everything else is the platform as shipped (email to the local SMTP server on)"

read -r -a PLATFORM_JAVA_OPTS <<<"${BENCH_PLATFORM_JAVA_OPTS:-}"
if $JFR; then
  PLATFORM_JAVA_OPTS+=("-XX:StartFlightRecording=filename=$WORK/platform.jfr,settings=profile,dumponexit=true")
  log "JFR: recording the platform JVM to $WORK/platform.jfr (written when the platform stops)"
fi

log "starting the local platform (data and log in $WORK, intake on port $INTAKE_PORT)"
java "${PLATFORM_JAVA_OPTS[@]}" -jar "$WORK/local-platform.jar" --data-dir="$WORK/data" \
  --kafka-port=$KAFKA_PORT --controller-port=$CONTROLLER_PORT --intake-port=$INTAKE_PORT \
  --triage-port=$TRIAGE_PORT --notification-port=$NOTIFICATION_PORT --auth-port=$AUTH_PORT \
  --smtp-port=$SMTP_PORT --imap-port=$IMAP_PORT "${QUOTA[@]}" >"$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!

START_TIMEOUT="${BENCH_START_TIMEOUT_S:-300}"
started=$SECONDS
until grep -q "Local platform ready" "$WORK/platform.log" 2>/dev/null; do
  if ! kill -0 "$PLATFORM_PID" 2>/dev/null; then
    tail -n 40 "$WORK/platform.log" >&2 || true
    PLATFORM_PID=""
    die "the platform exited during start-up"
  fi
  ((SECONDS - started < START_TIMEOUT)) || die "the platform was not ready within $START_TIMEOUT s"
  sleep 1
done
log "platform ready after $((SECONDS - started)) s (pid $PLATFORM_PID)"

CLINICIAN_TOKEN="$(java -jar "$WORK/local-platform.jar" token clinician-demo --issuer="http://localhost:$AUTH_PORT")" \
  || die "could not get a clinician token for the alert feed"

ARGS=(--intake="http://localhost:$INTAKE_PORT" --triage="http://localhost:$TRIAGE_PORT"
  --notification="http://localhost:$NOTIFICATION_PORT" --issuer="http://localhost:$AUTH_PORT"
  --kafka="localhost:$KAFKA_PORT" --imap-port=$IMAP_PORT --clinician-token="$CLINICIAN_TOKEN"
  --client-id=$QUOTA_CLIENT --duration-s="$DURATION")
[[ -n "${BENCH_RATES:-}" ]] && ARGS+=(--rates="$BENCH_RATES")
[[ -n "${BENCH_MAX_RATE:-}" ]] && ARGS+=(--max-rate="$BENCH_MAX_RATE")
[[ -n "${BENCH_MEASURE_RATE:-}" ]] && ARGS+=(--measure-rate="$BENCH_MEASURE_RATE")
[[ -n "${BENCH_WARMUP_S:-}" ]] && ARGS+=(--warmup-s="$BENCH_WARMUP_S")
[[ -n "${BENCH_DRAIN_S:-}" ]] && ARGS+=(--drain-s="$BENCH_DRAIN_S")
[[ -n "${BENCH_IDLE_REPORTS:-}" ]] && ARGS+=(--idle-reports="$BENCH_IDLE_REPORTS")
[[ -n "${BENCH_SAMPLE:-}" ]] && ARGS+=(--sample="$BENCH_SAMPLE")
[[ -n "${BENCH_RAW_RECORDS:-}" ]] && ARGS+=(--raw-records="$BENCH_RAW_RECORDS")
[[ -n "${BENCH_RAW_RELAYS:-}" ]] && ARGS+=(--raw-relays="$BENCH_RAW_RELAYS")
read -r -a EXTRA_ARGS <<<"${BENCH_ARGS:-}"
read -r -a TOOL_JAVA_OPTS <<<"${BENCH_TOOL_JAVA_OPTS:-}"

# progress on stderr as it runs; the table and RESULT line into a file, printed after the platform has stopped
java "${TOOL_JAVA_OPTS[@]}" -cp "$WORK/benchmarks.jar" clinic.bench.load.LoadBenchmark "${ARGS[@]}" \
  "${EXTRA_ARGS[@]}" >"$WORK/result.txt" &
TOOL_PID=$!
if ! wait "$TOOL_PID"; then
  TOOL_PID=""
  die "the load benchmark failed"
fi
TOOL_PID=""

stop_platform
log "platform log: $WORK/platform.log"
if $JFR; then
  log "JFR recording of the platform: $WORK/platform.jfr (open with JDK Mission Control, or: jfr summary $WORK/platform.jfr)"
fi
cat "$WORK/result.txt"
