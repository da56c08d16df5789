#!/usr/bin/env bash
# Runs the stand-in plugin and moto tests (node:test). They start moto from the cached venv
# (tests/engine/moto/ensureVenv.ts; created on first use, needs python3 and PyPI), so they are
# not part of `pnpm test`.   bash tests/engine/plugins/run-engine-tests.sh [files...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
cd "$repo"
if [ "$#" -eq 0 ]; then
  set -- tests/engine/moto/*.engine-test.ts tests/engine/plugins/*.engine-test.ts
fi
exec node --require ts-node/register/transpile-only --test --test-concurrency=1 "$@"
