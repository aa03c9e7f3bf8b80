#!/usr/bin/env bash
# Runs the jest suite against the newest cdk8s of a minor line (default 2.70) instead of the floor
# the project pins (package.json devDependencies, 2.68.12), then puts the pinned one back.
#
#   scripts/test-cdk8s-latest.sh [jest args...]        e.g. scripts/test-cdk8s-latest.sh test/mesh
#   CDK8S_MINOR=2.69 scripts/test-cdk8s-latest.sh      another minor line
#
# Only node_modules/cdk8s is swapped: the registry's tarball (cdk8s bundles its own dependencies)
# is unpacked in its place, and the pinned folder is moved back when the run ends. `npm install
# --no-save cdk8s@...` would do it too, but npm then recomputes the tree and prunes over a hundred
# other packages (cdk8s-cli's among them), so the run would no longer test only the cdk8s change.
set -uo pipefail
cd "$(dirname "$0")/.."
minor=${CDK8S_MINOR:-2.70}
pinned=$(node -p "require('./node_modules/cdk8s/package.json').version")
# npm view lists a range's versions in publication order, not semver order.
latest=$(npm view "cdk8s@~$minor.0" version --json | node -e '
  const v = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
  const key = (s) => s.split(".").map(Number);
  v.sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  console.log(v.pop() ?? "");')
[ -n "$latest" ] || { echo "test:cdk8s-latest: no cdk8s $minor.x on the registry"; exit 1; }

work=$(mktemp -d)
restore() {
  if [ -d "$work/pinned" ]; then rm -rf node_modules/cdk8s && mv "$work/pinned" node_modules/cdk8s; fi
  rm -rf "$work"
}
trap restore EXIT
trap 'exit 130' INT TERM

echo "test:cdk8s-latest: cdk8s $latest (pinned: $pinned)"
tarball=$(cd "$work" && npm pack --silent "cdk8s@$latest" | tail -1)
[ -f "$work/$tarball" ] || { echo "test:cdk8s-latest: npm pack cdk8s@$latest failed"; exit 1; }
mkdir -p "$work/unpacked" && tar -xzf "$work/$tarball" -C "$work/unpacked"
mv node_modules/cdk8s "$work/pinned"
mv "$work/unpacked/package" node_modules/cdk8s
installed=$(node -p "require('cdk8s/package.json').version")
[ "$installed" = "$latest" ] || { echo "test:cdk8s-latest: cdk8s $installed in node_modules, not $latest"; exit 1; }

# Its own reporter only: the junit report in test-reports/ stays the floor run's.
npx jest --ci --reporters=default --coverage=false "$@"
