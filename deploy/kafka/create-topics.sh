#!/usr/bin/env bash
# One-shot topic creation for compose: the four event topics of DESIGN.md and their dead-letter topics.
# Idempotent (--if-not-exists), so `docker compose up` can run it on every start.
set -euo pipefail

bootstrap="${BOOTSTRAP_SERVERS:-kafka:19092}"
partitions="${PARTITIONS:-3}"
replication="${REPLICATION_FACTOR:-1}"

topics=(
  clinic.symptom-reports.v1
  clinic.symptom-reports.v1.dlt
  clinic.triage-decisions.v1
  clinic.triage-decisions.v1.dlt
  clinic.urgent-reviews.v1
  clinic.urgent-reviews.v1.dlt
  clinic.review-outcomes.v1
  clinic.review-outcomes.v1.dlt
)

for topic in "${topics[@]}"; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$replication"
done

/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --describe --topic 'clinic\..*'
