#!/usr/bin/env bash
# The openapi.yaml-driven fuzz (tests/Timeline.Api.Tests/Fuzz) at any size: the suite runs 10,000 requests; this runs
# more, or another draw, against the real server on its own SQLite database, and writes the figures to bench/fuzz.md.
#   bash bench/fuzz.sh [requests (default 50000)] [seed (default 20261201)]
set -euo pipefail
cd "$(dirname "$0")/.."
TIMELINE_FUZZ_REQUESTS=${1:-50000} TIMELINE_FUZZ_SEED=${2:-20261201} \
  dotnet test --filter "FullyQualifiedName~Timeline.Api.Tests.Fuzz.OpenApiFuzzTests" --logger "console;verbosity=normal"
cp artifacts/test-results/fuzz.md bench/fuzz.md
echo "Figures in bench/fuzz.md"
