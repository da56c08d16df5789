#!/usr/bin/env bash
# Deploys one environment: `pnpm stack-up <stack> [pulumi up options]`.
# State goes to a file backend inside the repo (.pulumi-state/, gitignored) unless
# PULUMI_BACKEND_URL names another (Pulumi Cloud, s3://...).
#
# `pnpm stack-up local [--keep | --destroy | --verbose]` is the exception: the whole chain on this
# machine against emulators, with the Pulumi CLI on PATH or, without one, built from Go modules;
# no cloud account (scripts/local/stackUpLocal.ts).
set -euo pipefail

stack="${1:-}"
if [ -z "$stack" ]; then
  echo "usage: pnpm stack-up <stack> [pulumi up options]   e.g. pnpm stack-up local (emulators), pnpm stack-up dev" >&2
  exit 2
fi
shift

cd "$(dirname "$0")/.."

if [ "$stack" = "local" ]; then
  pnpm install --frozen-lockfile
  pnpm build
  exec node --require ts-node/register/transpile-only scripts/local/stackUpLocal.ts "$@"
fi

if ! command -v pulumi >/dev/null 2>&1; then
  echo "The Pulumi CLI is not on PATH. Install it (https://www.pulumi.com/docs/install/), then run this again. (pnpm stack-up local needs none.)" >&2
  exit 1
fi
if [ ! -f "stacks/Pulumi.$stack.yaml" ]; then
  echo "stacks/Pulumi.$stack.yaml does not exist. Copy stacks/Pulumi.dev.yaml to it and fill in your values." >&2
  exit 1
fi

if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  mkdir -p .pulumi-state
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi-state"
fi

pnpm install --frozen-lockfile
pnpm build
pulumi stack select --create "$stack"
exec pulumi up --stack "$stack" "$@"
