#!/bin/sh
# `make serve` (and so `make demo`): the local OpenID Provider with the test identities beside the
# demo when Node.js is installed, stopped with it. Without Node.js the demo runs as before and
# its login page says that login with e-ID does not answer. Usage: serve.sh HOST COMMAND...
set -u
host=$1
shift
provider_dir=$(cd "$(dirname "$0")" && pwd)
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ -d "$provider_dir/node_modules" ] \
    || (cd "$provider_dir" && npm ci --no-audit --no-fund --silent); then
    OIDC_REDIRECT_URIS="http://${host}/accounts/e-id/callback/" node "$provider_dir/server.mjs" &
    provider=$!
    trap 'kill "$provider" 2>/dev/null' EXIT INT TERM
  else
    echo "npm ci failed: the demo runs without login with e-ID." >&2
  fi
else
  echo "Node.js is not installed: the demo runs without login with e-ID (identity/provider)." >&2
fi
"$@"
