#!/usr/bin/env bash
# Compiles every code sample of the README and of the doc comments (they are in .jsii after the
# jsii compile) with jsii-rosetta in strict mode: a sample that does not compile fails, so the
# Python, Java, Go and C# renderings in API.md and the language packages are real code.
# Samples that use names they do not declare get them from rosetta/default.ts-fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
[ -f .jsii ] || { echo "rosetta: no .jsii (run: npx jsii --silence-warnings=reserved-word)"; exit 1; }

# The samples import 'cdk8s-istio' as a user would; rosetta resolves modules from --directory, so
# give it a node_modules where this package and its peers are found.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/node_modules"
ln -s "$root" "$work/node_modules/cdk8s-istio"
for dep in cdk8s cdk8s-plus-28 constructs; do ln -s "$root/node_modules/$dep" "$work/node_modules/$dep"; done

npx jsii-rosetta extract --strict --directory "$work" .jsii
