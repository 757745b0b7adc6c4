#!/usr/bin/env bash
# Runs once, on the first start of an empty data volume (postgres image's /docker-entrypoint-initdb.d).
# The dev overlay's copy of deploy/postgres/init-databases.sh without compose's Keycloak database (kustomize
# reads files below the overlay only). KubernetesManifestsTest keeps the two in step.
# Database-per-service: each service gets its own login and a database it owns; nobody else may connect.
# Passwords come from the container environment (INTAKE_DB_PASSWORD, ...), never from this file.
set -euo pipefail

create_service_database() {
  local name="$1" password="$2"
  if [ -z "$password" ]; then
    echo "init-databases: no password for $name" >&2
    exit 1
  fi
  # psql variables (:"name" quotes an identifier, :'password' a literal) keep the values out of the SQL text
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create_service_database intake "${INTAKE_DB_PASSWORD:-}"
create_service_database triage "${TRIAGE_DB_PASSWORD:-}"
create_service_database notification "${NOTIFICATION_DB_PASSWORD:-}"
