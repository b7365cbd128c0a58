#!/bin/sh
# Creates (when missing) and migrates Temporal's two Postgres databases with temporal-sql-tool from the
# temporalio/admin-tools image of the server's version. Safe to run on every `compose up`: update-schema only
# applies versions newer than the one recorded in each database. SQL_PASSWORD comes from the environment.
set -eu

HOST=postgres
PORT=5432
USER=jicha
SCHEMA=/etc/temporal/schema/postgresql/v12

for i in $(seq 1 60); do
  nc -z "$HOST" "$PORT" && break
  echo "waiting for postgres ($i)"
  sleep 2
done

tool() { temporal-sql-tool --plugin postgres12 --ep "$HOST" -p "$PORT" -u "$USER" "$@"; }

for pair in temporal:temporal temporal_visibility:visibility; do
  db=${pair%%:*}
  dir=${pair#*:}
  # The Postgres init script creates both databases on a fresh volume; create them for an older volume.
  tool --db "$db" create >/dev/null 2>&1 || true
  # A fresh database gets the version table; an existing one already has it (the error is expected then).
  tool --db "$db" setup-schema -v 0.0 >/dev/null 2>&1 || echo "$db: schema version table already present"
  tool --db "$db" update-schema -d "$SCHEMA/$dir/versioned"
  echo "$db: schema up to date"
done
