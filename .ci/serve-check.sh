#!/usr/bin/env bash
# The README's first command on this checkout, as a new user runs it: `./zou4j serve` (building on first use when
# there is no target/), then GET /api and a login against it, then a clean stop. Exit 0 only if all of that worked.
set -euo pipefail
cd "$(dirname "$0")/.."

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d)"
log="$data.log"
email="ci-admin@example.com"
password="ci-serve-check-$RANDOM$RANDOM"
pid=""
stop() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$data" "$log"
}
trap stop EXIT

ZOU_ADMIN_EMAIL="$email" ZOU_ADMIN_PASSWORD="$password" ./zou4j serve --port "$port" --data-dir "$data/zou-data" \
  >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do   # up to 5 minutes: the first use builds the server
  grep -q "listening on" "$log" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "serve-check: ./zou4j serve exited early:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$log" || { echo "serve-check: ./zou4j serve never said it was listening:" >&2; cat "$log" >&2; exit 1; }

base="http://127.0.0.1:$port"
index="$(curl -fsS "$base/api")" || { echo "serve-check: GET /api failed" >&2; exit 1; }
grep -q '"api"' <<<"$index" || { echo "serve-check: GET /api answered $index" >&2; exit 1; }
login="$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\": \"$email\", \"password\": \"$password\"}" "$base/api/auth/login")" \
  || { echo "serve-check: POST /api/auth/login failed" >&2; exit 1; }
grep -q '"login": *true' <<<"$login" || { echo "serve-check: login answered ${login:0:200}" >&2; exit 1; }
echo "serve-check: ./zou4j serve built, listened on port $port, answered GET /api and a login"
