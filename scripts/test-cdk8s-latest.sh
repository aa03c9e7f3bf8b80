#!/usr/bin/env bash
# Runs the jest suite against the newest cdk8s of a minor line (default 2.70) instead of the floor
# the project pins (package.json devDependencies, 2.68.12), then puts the pinned one back.
#
#   scripts/test-cdk8s-latest.sh [jest args...]        e.g. scripts/test-cdk8s-latest.sh test/mesh
#   CDK8S_MINOR=2.69 scripts/test-cdk8s-latest.sh      another minor line
#
# cdk8s is swapped with `npm install --no-save`, so package.json and the lockfile stay as they are.
set -uo pipefail
cd "$(dirname "$0")/.."
minor=${CDK8S_MINOR:-2.70}
pinned=$(node -p "require('./package.json').devDependencies.cdk8s")
latest=$(npm view "cdk8s@~$minor.0" version --json | node -e 'const v=JSON.parse(require("fs").readFileSync(0,"utf8")); console.log([].concat(v).pop())')
[ -n "$latest" ] || { echo "test:cdk8s-latest: no cdk8s $minor.x on the registry"; exit 1; }

restore() { npm install --no-save --no-audit --no-fund --loglevel=error "cdk8s@$pinned" >/dev/null; }
trap restore EXIT
echo "test:cdk8s-latest: cdk8s $latest (pinned: $pinned)"
npm install --no-save --no-audit --no-fund --loglevel=error "cdk8s@$latest" || exit 1
installed=$(node -p "require('cdk8s/package.json').version")
[ "$installed" = "$latest" ] || { echo "test:cdk8s-latest: cdk8s $installed installed, not $latest"; exit 1; }
# Its own reporter only: the junit report in test-reports/ stays the floor run's.
npx jest --ci --reporters=default --coverage=false "$@"
