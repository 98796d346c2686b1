#!/bin/sh
# Creates or upgrades Temporal's schema in PostgreSQL, then exits (temporal-admin-tools).
# Safe to run on every `docker compose up`: `create` skips an existing database,
# `setup-schema -v 0.0` leaves a newer schema alone, and `update-schema` applies only what
# is missing.
set -eu
SCHEMA=/etc/temporal/schema/postgresql/v12
for DB in temporal temporal_visibility; do
  case "$DB" in
    temporal) DIR="$SCHEMA/temporal/versioned" ;;
    *) DIR="$SCHEMA/visibility/versioned" ;;
  esac
  echo "Setting up the schema of database $DB"
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u temporal --db "$DB" create
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u temporal --db "$DB" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u temporal --db "$DB" update-schema -d "$DIR"
done
echo "Temporal schema is up to date"
