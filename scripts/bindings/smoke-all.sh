#!/usr/bin/env bash
# Synthesizes the TypeScript reference once, then runs the smoke app of each language given
# (default: python java go). Exits 1 when any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(python java go)
scripts/bindings/smoke.sh typescript || exit 1
status=0
for lang in "${langs[@]}"; do
  scripts/bindings/smoke.sh "$lang" || status=1
done
exit "$status"
