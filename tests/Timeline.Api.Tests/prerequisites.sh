#!/usr/bin/env bash
# What the test run needs beyond the .NET SDK, checked before `dotnet test` runs the tests (an MSBuild target in
# Timeline.Api.Tests.csproj calls this): Chromium for the browser tests (Playwright drives the system's, since its own
# download cannot run here), npm to fetch TimelineJS for them, and redis-server for the shared rate limit tests.
# As root (CI, a container) what is missing is installed with apt-get; otherwise the run stops with one line saying
# what to install. TIMELINE_TEST_CHROMIUM points at a Chromium elsewhere than /usr/bin/chromium.
set -uo pipefail

chromium=${TIMELINE_TEST_CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "prerequisites: installing ${missing[*]} with apt-get for the browser and Redis tests"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    [ -x "$chromium" ] && exit 0
  fi
  echo "prerequisites: missing ${missing[*]}, and apt-get could not install them; install them (apt-get install -y ${missing[*]}) and run the tests again"
  exit 1
fi

echo "prerequisites: missing ${missing[*]} (the browser tests need chromium and npm, the shared rate limit tests redis-server); install them with: sudo apt-get install -y ${missing[*]} (or run the tests as root, which installs them)"
exit 1
