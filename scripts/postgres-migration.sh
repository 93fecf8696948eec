#!/usr/bin/env bash
# Adds a PostgreSQL migration beside SQLite's (both are generated; see README "Layout").
#   bash scripts/postgres-migration.sh NAME
# With no PostgreSQL migration yet (or after deleting Data/Migrations/Postgres to regenerate it from the model), EF names
# the new model snapshot like SQLite's and writes it over SQLite's file: this script keeps SQLite's snapshot and moves
# PostgreSQL's into its own folder under its own class name (PostgresAppDbContextModelSnapshot).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: bash scripts/postgres-migration.sh NAME}
migrations=CommunitySuccess.Core/Data/Migrations
sqlite_snapshot=$migrations/AppDbContextModelSnapshot.cs
postgres_snapshot=$migrations/Postgres/PostgresAppDbContextModelSnapshot.cs
backup=$(mktemp)
cp "$sqlite_snapshot" "$backup"
trap 'rm -f "$backup"' EXIT

dotnet tool restore >/dev/null
dotnet build CommunitySuccess.Core -c Debug -warnaserror >/dev/null
dotnet tool run dotnet-ef -- migrations add "$name" --project CommunitySuccess.Core --no-build \
    --output-dir Data/Migrations/Postgres --namespace CommunitySuccess.Core.Data.Migrations.Postgres -- --provider Postgres

if ! cmp -s "$backup" "$sqlite_snapshot"; then
    mkdir -p "$(dirname "$postgres_snapshot")"
    sed -e 's/^namespace CommunitySuccess.Core.Data.Migrations$/namespace CommunitySuccess.Core.Data.Migrations.Postgres/' \
        -e 's/partial class AppDbContextModelSnapshot/partial class PostgresAppDbContextModelSnapshot/' \
        "$sqlite_snapshot" > "$postgres_snapshot"
    cp "$backup" "$sqlite_snapshot"
    echo "Moved PostgreSQL's model snapshot to $postgres_snapshot; SQLite's is unchanged."
fi
