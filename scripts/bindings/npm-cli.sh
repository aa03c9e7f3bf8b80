#!/usr/bin/env bash
# Checks that the `cdk8s-istio` command works from the packed npm tarball installed in a fresh
# folder with its peer dependencies, as a user gets it: no source tree, no devDependencies.
#
#   scripts/bindings/npm-cli.sh [TARBALL]   (default: dist/js/cdk8s-istio-*.tgz, else npm pack)
#
# Lints the canary example's synthesized YAML (must pass) and a VirtualService routing to a subset
# no DestinationRule defines (must fail with virtualservice-subset-not-found). Prints
# "bindings: npm-cli smoke test passed" or says what failed and exits 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
fail() { echo "bindings: npm-cli smoke test FAILED: $*"; exit 1; }

tarball=${1:-$(ls dist/js/cdk8s-istio-*.tgz 2>/dev/null | head -1 || true)}
if [ -z "$tarball" ]; then
  mkdir -p dist/js
  tarball=dist/js/$(npm pack --silent --pack-destination dist/js | tail -1)
fi
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")

# The canary example's manifests (npx projen examples canary writes them).
[ -f dist/examples/canary/canary.k8s.yaml ] || npx projen examples canary >/dev/null
good=$root/dist/examples/canary/canary.k8s.yaml
[ -f "$good" ] || fail "no $good"

npm_version() { node -p "require('$root/node_modules/$1/package.json').version"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$tarball" \
  "cdk8s@$(npm_version cdk8s)" "cdk8s-plus-28@$(npm_version cdk8s-plus-28)" "constructs@$(npm_version constructs)" \
  || fail "npm could not install $tarball with its peer dependencies"

npx --no-install cdk8s-istio lint "$good" > lint-good.txt 2>&1 \
  || { cat lint-good.txt; fail "lint of the canary example failed"; }

cat > broken.yaml <<'YAML'
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts: [reviews.shop.svc.cluster.local]
  http:
    - route:
        - destination:
            host: reviews.shop.svc.cluster.local
            subset: v3
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews.shop.svc.cluster.local
  subsets:
    - name: v1
      labels: {version: v1}
YAML
if npx --no-install cdk8s-istio lint broken.yaml > lint-broken.txt 2>&1; then
  cat lint-broken.txt; fail "lint passed a route to a missing subset"
fi
grep -q virtualservice-subset-not-found lint-broken.txt \
  || { cat lint-broken.txt; fail "lint failed without naming virtualservice-subset-not-found"; }
# The test helpers' entry point resolves from the installed package.
node -e "const t = require('cdk8s-istio/testing'); if (typeof t.assertRoutesTo !== 'function') process.exit(1);" \
  || fail "require('cdk8s-istio/testing') does not give the test helpers"
echo "bindings: npm-cli smoke test passed"
