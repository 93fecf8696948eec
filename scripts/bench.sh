#!/usr/bin/env bash
# Issue 4's speed targets: the inbox's first page and search at 50,000 threads / 500,000 messages.
# Usage: bash scripts/bench.sh [threads] [messagesPerThread]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/CommunitySuccess.Benchmarks -- "$@"
