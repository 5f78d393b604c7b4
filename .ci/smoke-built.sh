#!/usr/bin/env bash
# Runs the compiled output (dist/) under plain Node: `hub` commands on an embedded data directory,
# then `hub start` and the printed curl command, then a CLI command while the hub runs.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
data=$(mktemp -d)
port=$(node -e "const s=require('net').createServer();s.listen(0,()=>{console.log(s.address().port);s.close()})")
export HUB_DATA_DIR="$data" PORT="$port" LOG_LEVEL=warn
hub() { node packages/cli/bin/hub.js "$@"; }

hub --help >/dev/null
npx --no-install hub --help >/dev/null   # the bin npm linked at install
log="$data/start.log"
HUB_SANDBOX=1 HUB_DEMO=1 node packages/cli/bin/hub.js start >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do grep -q "curl -s" "$log" && break; sleep 0.5; done
grep -q "curl -s" "$log" || { cat "$log"; echo "hub did not print its curl command"; exit 1; }
# The printed curl command, run as printed.
cmd=$(sed -n '/curl -s/,/viewer/p' "$log" | sed 's/\\$//' | tr -d '\n')
out=$(bash -c "$cmd")
echo "$out" | grep -q '"siret":"00000000100008"' || { echo "curl answered: $out"; exit 1; }
# The CLI works while the hub runs (through the admin socket).
hub --help >/dev/null
set +e; hub operator add --name X --siret 123 2>/dev/null; code=$?; set -e
[ "$code" = 2 ] || { echo "bad SIRET should exit 2, got $code"; exit 1; }
op=$(hub operator add --name "CI smoke" --siret 21750001600019 --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
hub habilitation grant --operator "$op" --scopes cnaf_quotient_familial --purpose "CI" --legal-basis "CI" --json >/dev/null

tok=$(hub token issue --operator "$op" --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
curl -sf "http://localhost:$port/graphql" -H "Authorization: Bearer $tok" -H 'content-type: application/json' \
  -d '{"query":"{ viewer { scopes } }"}' | grep -q cnaf_quotient_familial
echo "built CLI and hub: ok"
