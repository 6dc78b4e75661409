#!/usr/bin/env bash
# The installable package, tried as a user would on a machine without the repository:
#   bash scripts/pack-smoke.sh [NODE ...]        (default: the node on PATH)
# Packs @pushpull/cli (npm pack), refuses a tarball that holds tsx, vitest or test code, then for each
# Node binary: `npm install -g` of the tarball into an empty prefix (dependencies from the registry) and,
# from an empty folder, `pushpull --version`, `--help`, `simulate`, `classify --org --input`, and
# `pushpull start` until the dashboard answers /healthz and serves leaders to a logged-in admin only.
# Needs a build (`npm run build`, which `npm install` runs) and the npm registry. Exits non-zero on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODES=("$@")
[[ ${#NODES[@]} -gt 0 ]] || NODES=("$(command -v node)")
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pushpull-pack-XXXXXX")"
START_PID=""
cleanup() {
  [[ -n "$START_PID" ]] && kill "$START_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "pack-smoke: $*" >&2; exit 1; }

cd "$ROOT"
[[ -f packages/cli/dist/pushpull.js ]] || fail "no build in packages/cli/dist: run npm run build first"
tarball="$WORK/$(npm pack -w @pushpull/cli --pack-destination "$WORK" --silent | tail -n 1)"
[[ -f "$tarball" ]] || fail "npm pack wrote no tarball"
echo "pack-smoke: $(basename "$tarball"): $(du -h "$tarball" | cut -f1), $(tar -tzf "$tarball" | wc -l) files"

# Nothing of the development tool chain or the tests rides along.
listing="$(tar -tzf "$tarball")"
if grep -E '(^|/)(src|testing)/|\.test\.|\.ts$|cli-harness|fixture' <<<"$listing"; then
  fail "the tarball holds sources or test code (listed above)"
fi
mkdir -p "$WORK/unpacked"
tar -xzf "$tarball" -C "$WORK/unpacked"
if grep -rlE "from ['\"](tsx|vitest|@vitest/[^'\"]*|fast-check|@pushpull/[^'\"]*)['\"]|import\(['\"](tsx|vitest|@pushpull/[^'\"]*)['\"]\)" \
  --include='*.js' --include='*.mjs' "$WORK/unpacked/package"; then
  fail "compiled code imports tsx, vitest, fast-check or a workspace package (files above)"
fi
node -e '
  const m = require(process.argv[1]);
  const bad = Object.keys(m.dependencies ?? {}).filter((d) => /^(tsx|vitest|@pushpull\/)/.test(d));
  if (bad.length) { console.error("pack-smoke: package.json depends on " + bad.join(", ")); process.exit(1); }
' "$WORK/unpacked/package/package.json"

for NODE in "${NODES[@]}"; do
  version="$("$NODE" --version)"
  prefix="$WORK/prefix-$version"
  echo "pack-smoke: Node $version: npm install -g $(basename "$tarball")"
  PATH="$(dirname "$NODE"):$PATH" npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
  bin="$prefix/bin/pushpull"
  [[ -x "$bin" ]] || fail "npm install -g left no $bin"
  run() { PATH="$(dirname "$NODE"):$PATH" "$bin" "$@"; }
  home="$WORK/home-$version"
  mkdir -p "$home"
  cd "$home"
  run --version | grep -E '^pushpull [0-9]+\.[0-9]+\.[0-9]+ \(classifier [0-9.]+\)$' >/dev/null || fail "--version on Node $version"
  run --help | grep -q 'Usage: pushpull' || fail "--help on Node $version"
  run simulate --seed 3 --people 12 --days 5 --start 2026-09-01 --out events.jsonl --org-out org.csv --truth truth.json >/dev/null
  run classify --org org.csv --input events.jsonl >labeled.jsonl
  [[ "$(wc -l <labeled.jsonl)" -eq "$(wc -l <events.jsonl)" ]] || fail "classify labelled $(wc -l <labeled.jsonl) of $(wc -l <events.jsonl) events on Node $version"
  grep -q '"classifierVersion"' labeled.jsonl || fail "classify wrote no LabeledEvent on Node $version"
  port=$((20000 + RANDOM % 20000))
  PATH="$(dirname "$NODE"):$PATH" PUSHPULL_DATA_DIR="$home/data" PORT="$port" PUSHPULL_ADMIN_PASSWORD=smoke-test-password \
    "$bin" start --people 20 --days 14 >start.log 2>&1 &
  START_PID=$!
  ok=""
  for _ in $(seq 1 120); do
    if curl -fsS -u admin:smoke-test-password "http://127.0.0.1:$port/api/leaders" 2>/dev/null | grep -q '"personId"'; then
      ok=1
      break
    fi
    kill -0 "$START_PID" 2>/dev/null || break
    sleep 1
  done
  [[ -n "$ok" ]] || { tail -n 20 start.log >&2; fail "pushpull start served no leaders within 120 s on Node $version"; }
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || fail "/healthz on Node $version"
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/leaders")"
  [[ "$code" == 401 ]] || fail "/api/leaders without a login answered $code on Node $version (expected 401)"
  curl -fsS "http://127.0.0.1:$port/" | grep -qi '<!doctype html>' || fail "the dashboard page on Node $version"
  kill "$START_PID"
  wait "$START_PID" 2>/dev/null || true
  START_PID=""
  echo "pack-smoke: Node $version: --version, --help, simulate, classify ($(wc -l <labeled.jsonl) events) and start (dashboard with leaders behind a login) work"
  cd "$ROOT"
done
