#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d):
# one role for Temporal (which creates its own two databases); for the application, the owner
# `coproduction` (migrations) and `coproduction_app` (gateways and workers), a member of
# `coproduction_runtime`, to which the migrations grant reading and INSERT of events only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
CREATE ROLE coproduction LOGIN PASSWORD '${APP_DB_PASSWORD}';
CREATE ROLE coproduction_runtime NOLOGIN;
CREATE ROLE coproduction_app LOGIN PASSWORD '${RUNTIME_DB_PASSWORD}' IN ROLE coproduction_runtime;
CREATE DATABASE coproduction OWNER coproduction;
SQL
