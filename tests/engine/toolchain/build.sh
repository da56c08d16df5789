#!/usr/bin/env bash
# Builds the Pulumi engine for the engine test layer (tests/engine) and prints the folder that
# holds it as the LAST line of stdout; everything else goes to stderr.
#
#   bin="$(bash tests/engine/toolchain/build.sh | tail -n1)"; PATH="$bin:$PATH" pulumi version
#
# The folder gets:
#   pulumi                         github.com/pulumi/pulumi/pkg/v3/cmd/pulumi, built from the Go module
#   pulumi-language-nodejs         this project's own Node.js language host (./languagehost/nodejs)
#   pulumi-language-python         this project's own Python language host (./languagehost/python)
#   pulumi-language-python-exec    the Python SDK's program runner, copied from the sdk/v3 module,
#                                  which the Python host runs programs with (it looks next to itself)
#   pulumi-language-yaml           github.com/pulumi/pulumi-yaml's host, built in its own module (./yaml)
#   pulumi-resource-pulumi-nodejs  the dynamic-provider shim, copied from the installed @pulumi/pulumi:
#                                  the engine finds these bundled plugins on $PATH or next to `pulumi`,
#                                  which is where Pulumi's own CLI distribution ships them
#
# Which CLI, in this order (the first line on stderr says which and why):
#   1. ALEXA_LINKING_PULUMI_BIN=/dir/with/pulumi: that installed CLI; nothing is built.
#      ALEXA_LINKING_PULUMI_BIN=build: the build from Go modules, even with a CLI on PATH.
#   2. `pulumi` on PATH: that installed CLI (the folder of the resolved binary, where Pulumi's
#      distribution ships its language hosts and the shim); nothing is built, no Go needed.
#   3. Otherwise the build from Go modules below (CI, where no CLI is installed).
# An installed CLI's `pulumi version` is checked; another version than PULUMI_VERSION is a warning.
#
# Cache: ${ALEXA_LINKING_ENGINE_CACHE:-$HOME/.cache/alexa-app-linking/engine}/<key>/bin, where
# <key> = version + hash of go.mod, go.sum, yaml/go.mod, yaml/go.sum, the language host sources
# (not their tests), this script and the Go toolchain. An unchanged tree reuses it; any change
# builds a new one, and only then are the hosts' Go tests run (before the build is published).
# `pnpm test:engine` runs them too (tests/engine/plugins/run-engine-tests.sh); `pnpm stack-up
# local` does not.
set -euo pipefail

readonly PULUMI_VERSION="v3.248.0"
readonly CLI_PACKAGE="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
readonly VERSION_VAR="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
readonly SHIM="pulumi-resource-pulumi-nodejs"
readonly YAML_PACKAGE="github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
readonly YAML_VERSION_VAR="github.com/pulumi/pulumi-yaml/pkg/version.Version"
readonly PYTHON_EXEC="pulumi-language-python-exec"
readonly HOSTS=(pulumi-language-nodejs pulumi-language-python pulumi-language-yaml)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../../.." && pwd)"

log() { printf 'engine-toolchain: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The dynamic-provider shim of the @pulumi/pulumi this repo installed.
shim_source() {
  command -v node >/dev/null 2>&1 || die "node is not on PATH (needed to locate @pulumi/pulumi)"
  local pkg
  pkg="$(cd "$repo_root" && node -e 'console.log(require.resolve("@pulumi/pulumi/package.json"))' 2>/dev/null)" ||
    die "cannot resolve @pulumi/pulumi from $repo_root: run pnpm install first"
  local src
  src="$(dirname "$pkg")/$SHIM"
  [[ -f "$src" ]] || die "$src is missing from the installed @pulumi/pulumi"
  printf '%s\n' "$src"
}

install_shim() {
  local bin="$1" src
  src="$(shim_source)"
  if ! cmp -s "$src" "$bin/$SHIM"; then
    install -m 0755 "$src" "$bin/$SHIM"
    log "installed $SHIM from $src"
  fi
}

check_pulumi() {
  local bin="$1" want="$2" got
  [[ -x "$bin/pulumi" ]] || die "$bin/pulumi is missing or not executable"
  got="$("$bin/pulumi" version 2>/dev/null)" || die "$bin/pulumi version failed"
  if [[ -n "$want" && "$got" != "$want" ]]; then
    die "$bin/pulumi reports $got, expected $want"
  fi
  printf '%s\n' "$got"
}

# --- an installed CLI ------------------------------------------------------------------------
use_installed() {
  local bin="$1" why="$2" got
  got="$(check_pulumi "$bin" "")"
  log "using the installed Pulumi CLI $bin/pulumi ($got): $why; nothing built"
  [[ "$got" == "$PULUMI_VERSION" ]] ||
    log "warning: it is $got, the repo's @pulumi/pulumi and the engine tests expect $PULUMI_VERSION (ALEXA_LINKING_PULUMI_BIN=build builds that one)"
  for companion in "${HOSTS[@]}" "$PYTHON_EXEC" "$SHIM"; do
    [[ -x "$bin/$companion" ]] || command -v "$companion" >/dev/null 2>&1 ||
      log "warning: $companion is neither in $bin nor on PATH; the engine will not find it"
  done
  printf '%s\n' "$bin"
  exit 0
}

forced="${ALEXA_LINKING_PULUMI_BIN:-}"
if [[ -n "$forced" && "$forced" != "build" ]]; then
  bin="$(cd "$forced" 2>/dev/null && pwd)" ||
    die "ALEXA_LINKING_PULUMI_BIN=$forced is not a folder (name the folder that holds pulumi, or build)"
  use_installed "$bin" "ALEXA_LINKING_PULUMI_BIN names it"
fi
if [[ -z "$forced" ]] && on_path="$(command -v pulumi 2>/dev/null)" && [[ -n "$on_path" ]]; then
  # The folder of the binary itself (a symlink on PATH, as Homebrew makes, points into the
  # distribution): the engine finds its language hosts next to the running executable.
  real="$(readlink -f "$on_path")" || die "cannot resolve $on_path"
  use_installed "$(dirname "$real")" "found on PATH as $on_path (ALEXA_LINKING_PULUMI_BIN=build builds $PULUMI_VERSION from Go modules instead)"
fi
if [[ "$forced" == "build" ]]; then
  why="ALEXA_LINKING_PULUMI_BIN=build"
else
  why="no pulumi on PATH"
fi

# --- build from the Go modules ---------------------------------------------------------------
command -v go >/dev/null 2>&1 ||
  die "$why, and go is not on PATH to build one: install the Pulumi CLI (https://www.pulumi.com/docs/install/) or Go 1.25+"
export GOFLAGS="-mod=readonly -buildvcs=false" # go.sum must already be complete

hash_inputs() {
  (
    cd "$here"
    go env GOVERSION GOOS GOARCH
    sha256sum go.mod go.sum yaml/go.mod yaml/go.sum build.sh
    find languagehost -type f ! -name '*_test.go' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -c1-16
}

cache_root="${ALEXA_LINKING_ENGINE_CACHE:-$HOME/.cache/alexa-app-linking/engine}"
key="pulumi-${PULUMI_VERSION}-$(hash_inputs)"
out="$cache_root/$key"

complete() {
  local f
  for f in pulumi "${HOSTS[@]}" "$PYTHON_EXEC"; do [[ -x "$1/$f" ]] || return 1; done
}

if complete "$out/bin"; then
  log "using the Pulumi CLI $PULUMI_VERSION built from Go modules ($why), reusing $out/bin"
else
  mkdir -p "$cache_root"
  staging="$(mktemp -d "$cache_root/.build-$key.XXXXXX")"
  trap 'rm -rf "$staging"' EXIT
  chmod 0755 "$staging"
  mkdir -p "$staging/bin"

  log "using the Pulumi CLI $PULUMI_VERSION built from Go modules ($why): building it into $out/bin (a cold build takes minutes)"
  start=$SECONDS
  (cd "$here" && go build -o "$staging/bin/pulumi" -ldflags "-X $VERSION_VAR=$PULUMI_VERSION" "$CLI_PACKAGE") >&2 ||
    die "building $CLI_PACKAGE failed"
  log "built pulumi in $((SECONDS - start))s"

  start=$SECONDS
  (cd "$here" && go build -o "$staging/bin/pulumi-language-nodejs" \
    -ldflags "-X main.hostVersion=$PULUMI_VERSION+alexa-app-linking" ./languagehost/nodejs) >&2 ||
    die "building the Node.js language host failed"
  log "built pulumi-language-nodejs in $((SECONDS - start))s"

  start=$SECONDS
  (cd "$here" && go build -o "$staging/bin/pulumi-language-python" \
    -ldflags "-X main.hostVersion=$PULUMI_VERSION+alexa-app-linking" ./languagehost/python) >&2 ||
    die "building the Python language host failed"
  # The runner is part of the sdk/v3 module go.sum pins, so the cache key covers it.
  sdk_dir="$(cd "$here" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)" ||
    die "cannot locate the github.com/pulumi/pulumi/sdk/v3 module"
  install -m 0755 "$sdk_dir/python/cmd/$PYTHON_EXEC" "$staging/bin/$PYTHON_EXEC"
  log "built pulumi-language-python in $((SECONDS - start))s"

  start=$SECONDS
  yaml_version="$(cd "$here/yaml" && go list -m -f '{{.Version}}' github.com/pulumi/pulumi-yaml)" ||
    die "cannot read the pulumi-yaml version from yaml/go.mod"
  (cd "$here/yaml" && go build -o "$staging/bin/pulumi-language-yaml" \
    -ldflags "-X $YAML_VERSION_VAR=$yaml_version" "$YAML_PACKAGE") >&2 ||
    die "building $YAML_PACKAGE failed"
  log "built pulumi-language-yaml $yaml_version in $((SECONDS - start))s"

  check_pulumi "$staging/bin" "$PULUMI_VERSION" >/dev/null
  # pulumi-language-yaml has no --version flag.
  for h in pulumi-language-nodejs pulumi-language-python; do
    "$staging/bin/$h" --version >/dev/null || die "$h --version failed"
  done
  # The hosts' Go tests, once per build (pnpm test:engine runs them again).
  (cd "$here" && go test ./languagehost/...) >&2 || die "the language hosts' Go tests failed"

  # Publish atomically; if a concurrent build got there first, keep its result.
  if ! mv -T "$staging" "$out" 2>/dev/null; then
    [[ -x "$out/bin/pulumi" ]] || die "could not move the build into $out"
    log "another build finished $out first; using it"
  fi
  trap - EXIT
  rm -rf "$staging"
fi

install_shim "$out/bin"
check_pulumi "$out/bin" "$PULUMI_VERSION" >/dev/null
printf '%s\n' "$out/bin"
