#!/usr/bin/env bash
# Issue 4's speed targets: the inbox's first page and search at 50,000 threads / 500,000 messages, on SQLite and
# (the same data copied over) on a throwaway PostgreSQL cluster, installed from Debian's packages when missing.
# Usage: bash scripts/bench.sh [threads] [messagesPerThread]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres-cluster.sh
start_postgres_cluster
dotnet run -c Release --project benchmarks/CommunitySuccess.Benchmarks -- "$@"
