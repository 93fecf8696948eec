#!/usr/bin/env bash
# Runs every test on a fresh Debian machine that has only the .NET SDK: installs what the tests need
# (Debian's Chromium for the browser tests, Debian's PostgreSQL for the tests that run on both databases, the local
# dotnet tools), starts a throwaway PostgreSQL cluster on 127.0.0.1 for the run (stopped and deleted on exit),
# then builds and runs all tests.
# TRX results land in TestResults/ (the CI script counts them).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing Debian's chromium for the browser tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium' (or run this script as root)." >&2
        exit 1
    fi
fi

source scripts/postgres-cluster.sh
start_postgres_cluster

dotnet tool restore >/dev/null
rm -rf TestResults
dotnet build CommunitySuccess.sln -c Debug -warnaserror
dotnet test --project CommunitySuccess.Tests/CommunitySuccess.Tests.csproj --no-build \
    --results-directory "$PWD/TestResults" --report-trx --report-trx-filename results.trx "$@"
