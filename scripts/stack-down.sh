#!/usr/bin/env bash
# `pnpm stack-down local`: the same as `pnpm stack-up local --destroy`. It stops what a run of
# the local stack left running (one that was killed before its teardown) and removes its files
# in .pulumi-state/local/. Real stacks are destroyed with `pulumi destroy --stack <name>`.
set -euo pipefail
stack="${1:-}"
cd "$(dirname "$0")/.."
if [ "$stack" != "local" ]; then
  echo "usage: pnpm stack-down local   (a real stack: pulumi destroy --stack ${stack:-<name>}, see the README)" >&2
  exit 2
fi
shift
exec node --require ts-node/register/transpile-only scripts/local/stackUpLocal.ts --destroy "$@"
