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
#
# npm ci empties node_modules, and the Java build of cdk8s-plus-28 takes minutes, so each build is
# kept in $CDK8S_ISTIO_BINDINGS_CACHE (default ~/.cache/cdk8s-istio-bindings), keyed by the package
# and jsii-pacmak versions, and copied from there when present.
set -euo pipefail
cd "$(dirname "$0")/../.."
lang=${1:?usage: deps.sh java|go}
cache=${CDK8S_ISTIO_BINDINGS_CACHE:-$HOME/.cache/cdk8s-istio-bindings}
# jsii prints a banner on every start when this Node.js is past its end of life; it is noise here.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-$(node -p 'process.versions.node.split(".")[0]')}

version() { node -p "require('./node_modules/$1/package.json').version"; }

build() { # <npm package> [jsii-pacmak options...]
  local pkg=$1; shift
  local target=node_modules/$pkg/dist/$lang
  local key
  key="$cache/$lang/$pkg-$(version "$pkg")-pacmak-$(version jsii-pacmak)"
  if [ -d "$target" ]; then
    echo "bindings deps: $lang $pkg already built in $target"
    return
  fi
  if [ ! -d "$key" ]; then
    echo "bindings deps: building $pkg for $lang from node_modules/$pkg"
    local tmp
    tmp=$(mktemp -d)
    npx jsii-pacmak "node_modules/$pkg" --target "$lang" --outdir "$tmp" "$@"
    mkdir -p "$(dirname "$key")"
    rm -rf "$key.partial" && mv "$tmp/$lang" "$key.partial" && mv "$key.partial" "$key"
    rm -rf "$tmp"
  else
    echo "bindings deps: $lang $pkg from $key"
  fi
  mkdir -p "$(dirname "$target")"
  cp -R "$key" "$target"
}

case "$lang" in
  # Its javadoc jar is not needed to compile against it, and is most of the build's time.
  java) build cdk8s-plus-28 --mvn-define maven.javadoc.skip=true ;;
  go) build cdk8s ;;
  python|dotnet) ;;
  *) echo "deps.sh: unknown language $lang" >&2; exit 1 ;;
esac
