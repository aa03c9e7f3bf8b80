#!/usr/bin/env bash
# Runs the bindings smoke app of one language (test/bindings/<lang>/) against the package built in
# dist/<lang> and requires its YAML to be byte-identical to the TypeScript reference app's.
#
#   scripts/bindings/smoke.sh typescript   synthesizes the reference into dist/bindings/typescript
#   scripts/bindings/smoke.sh python|java|go
#
# Prints "bindings: <lang> smoke test passed" and exits 0, or says what failed and exits 1.
# Needs: python → dist/python (npx projen package:python); java → dist/java and the locally built
# cdk8s-plus-28 jar (scripts/bindings/deps.sh java); go → dist/go and the locally built cdk8s Go
# module (scripts/bindings/deps.sh go). What the toolchains download stays in their default caches
# (~/.cache/pip, ~/.m2, GOMODCACHE), so a second run is offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
lang=${1:?usage: smoke.sh typescript|python|java|go}
out=$root/dist/bindings/$lang
reference=$root/dist/bindings/typescript

# The versions the npm package is developed against (package.json devDependencies), so that the
# jsii runtime of every language loads the same cdk8s and cdk8s-plus JavaScript as the reference.
npm_version() { node -p "require('$root/node_modules/$1/package.json').version"; }
CDK8S_VERSION=$(npm_version cdk8s)
CDK8S_PLUS_VERSION=$(npm_version cdk8s-plus-28)
CONSTRUCTS_VERSION=$(npm_version constructs)

# jsii prints a banner on every start when this Node.js is past its end of life; it is noise here.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-$(node -p 'process.versions.node.split(".")[0]')}

fail() { echo "bindings: $lang smoke test FAILED: $*"; exit 1; }

rm -rf "$out" "$out-broken"
case "$lang" in
  typescript)
    npx ts-node --transpile-only --project test/tsconfig.json test/bindings/typescript/app.ts "$out" \
      || fail "the reference app failed"
    ;;
  python)
    wheel=$(ls dist/python/cdk8s_istio-*.whl 2>/dev/null | head -1)
    [ -n "$wheel" ] || fail "no wheel in dist/python (run: npx projen package:python)"
    venv=${BINDINGS_PYTHON_VENV:-$root/dist/bindings/python-venv}
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
      "cdk8s==$CDK8S_VERSION" "cdk8s-plus-28==$CDK8S_PLUS_VERSION" "constructs==$CONSTRUCTS_VERSION" \
      || fail "pip could not install cdk8s, cdk8s-plus-28, constructs"
    # Every build is version 0.0.0: reinstall so that the wheel just built is the one imported.
    "$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel" \
      || fail "pip could not install $wheel"
    "$venv/bin/python" test/bindings/python/app.py "$out" || fail "the app failed"
    ;;
  java)
    [ -d dist/java ] || fail "no dist/java (run: npx projen package:java)"
    kplus_repo=$root/node_modules/cdk8s-plus-28/dist/java
    [ -d "$kplus_repo" ] || fail "no $kplus_repo (run: scripts/bindings/deps.sh java)"
    m2=${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}
    # Every build is version 0.0.0: drop the copy Maven cached from the previous run.
    rm -rf "$m2/io/github/cdk8s-istio"
    pom=test/bindings/java/pom.xml
    mvn_args=(-B -q -Dstyle.color=never -f "$pom" "-Dbindings.repo=file://$root/dist/java" "-Dbindings.kplusRepo=file://$kplus_repo"
      "-Dcdk8s.version=$CDK8S_VERSION" "-Dcdk8s-plus.version=$CDK8S_PLUS_VERSION" "-Dconstructs.version=$CONSTRUCTS_VERSION")
    mvn "${mvn_args[@]}" compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
      || fail "mvn could not build the app"
    java -cp "test/bindings/java/target/classes:$(cat test/bindings/java/target/classpath.txt)" smoke.SmokeApp "$out" \
      || fail "the app failed"
    ;;
  go)
    [ -d dist/go/cdk8sistio ] || fail "no dist/go/cdk8sistio (run: npx projen package:go)"
    [ -d node_modules/cdk8s/dist/go/cdk8s ] || fail "no node_modules/cdk8s/dist/go/cdk8s (run: scripts/bindings/deps.sh go)"
    (cd test/bindings/go && go run . "$out") || fail "the app failed"
    ;;
  *)
    fail "unknown language (typescript, python, java or go)"
    ;;
esac

[ -d "$out" ] || fail "the app wrote nothing to $out"
if [ "$lang" != typescript ]; then
  [ -d "$reference" ] || fail "no reference output in $reference (run: scripts/bindings/smoke.sh typescript)"
  diff -r "$reference" "$out" || fail "its YAML differs from the TypeScript app's (diff above)"
fi
rm -rf "$out-broken"
echo "bindings: $lang smoke test passed"
