#!/usr/bin/env bash
# Builds, from the npm packages in node_modules, the jsii runtime packages of one language that the
# registries reached from these machines do not serve:
#
#   java  org.cdk8s:cdk8s-plus-28 (Maven Central as reached here has org.cdk8s:cdk8s and
#         software.constructs:constructs, not cdk8s-plus-28)   → node_modules/cdk8s-plus-28/dist/java
#   go    github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 (the Go module proxy refuses it)
#                                                            → node_modules/cdk8s/dist/go/cdk8s
#
# jsii-pacmak looks for a dependency's build in <package>/<jsii.outdir>/<lang> (how it builds the
# packages of a monorepo together), so the cdk8s-istio build then compiles against these. They are
# made from the exact npm versions in node_modules, so the jsii runtime loads the same JavaScript as
# the TypeScript tests. Python needs nothing: PyPI serves cdk8s, cdk8s-plus-28 and constructs.
# A build whose output exists is kept (npm ci starts from an empty node_modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
lang=${1:?usage: deps.sh java|go}
# jsii prints a banner on every start when this Node.js is past its end of life; it is noise here.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-$(node -p 'process.versions.node.split(".")[0]')}

build() { # <npm package> <expected output>
  if [ -e "node_modules/$1/dist/$lang/$2" ]; then
    echo "bindings deps: $lang $1 already built"
    return
  fi
  echo "bindings deps: building $1 for $lang from node_modules/$1"
  npx jsii-pacmak "node_modules/$1" --target "$lang"
}

case "$lang" in
  java) build cdk8s-plus-28 org/cdk8s/cdk8s-plus-28 ;;
  go) build cdk8s cdk8s/go.mod ;;
  python|dotnet) ;;
  *) echo "deps.sh: unknown language $lang" >&2; exit 1 ;;
esac
