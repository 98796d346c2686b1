#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d):
# one role for Temporal (which creates its own two databases), one for the application.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
CREATE ROLE coproduction LOGIN PASSWORD '${APP_DB_PASSWORD}';
CREATE DATABASE coproduction OWNER coproduction;
SQL
