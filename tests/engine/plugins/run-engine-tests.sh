#!/usr/bin/env bash
# Runs the stand-in plugin and moto tests (node:test). They start moto from the cached venv
# (tests/engine/moto/ensureVenv.ts; created on first use, needs python3 and PyPI), so they are
# not part of `pnpm test`.   bash tests/engine/plugins/run-engine-tests.sh [files...]
# With no files (as `pnpm test:engine` runs it), it first runs the project's language hosts' Go
# tests (tests/engine/toolchain/languagehost), which build.sh also runs when it builds them.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
cd "$repo"
if [ "$#" -eq 0 ]; then
  if command -v go >/dev/null 2>&1; then
    echo "engine: the language hosts' Go tests (go test ./languagehost/...)"
    (cd tests/engine/toolchain && GOFLAGS="-mod=readonly -buildvcs=false" go test ./languagehost/...)
  elif command -v pulumi >/dev/null 2>&1; then
    echo "engine: the language hosts' Go tests are not run: go is not on PATH, and the installed Pulumi CLI's own hosts are used"
  else
    echo "engine: the language hosts' Go tests need go on PATH (see the README's prerequisites)" >&2
    exit 1
  fi
  set -- tests/engine/moto/*.engine-test.ts tests/engine/plugins/*.engine-test.ts tests/engine/toolchain/*.engine-test.ts
fi
exec node --require ts-node/register/transpile-only --test --test-concurrency=1 "$@"
