#!/usr/bin/env bash
# A consumer on a newer @pulumi/pulumi: packs this package, installs it into a temporary project next to
# the newest @pulumi/pulumi (or PULUMI_VERSION), checks that npm resolves exactly one copy of the SDK and
# runs the consumer's mocks test and the CLI's offline plan. Needs the npm registry; run with `npm run consumer-check`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/consumer-check"
PULUMI_VERSION="${PULUMI_VERSION:-latest}"
if ! npm view @pulumi/pulumi version >/dev/null 2>&1; then
  echo "consumer-check: SKIPPED, the npm registry is not reachable (npm view @pulumi/pulumi failed)" >&2
  exit 3
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "consumer-check: packing $(node -p "require('$ROOT/package.json').version") in $WORK"
TARBALL="$(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" | tail -1)"
mkdir -p "$WORK/consumer"
cp "$HERE/consumer.test.js" "$WORK/consumer/"
cp -r "$ROOT/examples/hello-ingress/manifests" "$WORK/consumer/manifests"
cd "$WORK/consumer"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$WORK/$TARBALL" "@pulumi/pulumi@$PULUMI_VERSION" mocha
echo "consumer-check: npm ls @pulumi/pulumi --all"
npm ls @pulumi/pulumi --all
COPIES="$(find node_modules -path '*/@pulumi/pulumi/package.json' | wc -l)"
echo "consumer-check: copies of @pulumi/pulumi installed: $COPIES"
if [ "$COPIES" -ne 1 ]; then
  echo "consumer-check: FAILED, expected exactly one @pulumi/pulumi" >&2
  exit 1
fi
npx mocha --timeout 60000 consumer.test.js
# The offline engine touches SDK internals (lib/plan/pulumi-internals.ts): plan on this SDK too.
SDK="$(node -p 'require("@pulumi/pulumi/package.json").version')"
if ! npx ingress-glb plan manifests --json > plan.json; then
  echo "consumer-check: FAILED, the offline engine (ingress-glb plan) does not run on @pulumi/pulumi $SDK" >&2
  exit 1
fi
echo "consumer-check: ingress-glb plan on @pulumi/pulumi $SDK:" \
  "$(node -p 'require("./plan.json").resources.length') resources planned"
