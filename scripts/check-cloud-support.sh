#!/usr/bin/env bash
# Fails unless `n8n-node cloud-support` says the package is eligible for n8n Cloud verification. The command itself
# always exits 0, so its status line is read. Its colours switch on whenever CI is set (picocolors), which splits
# "Status: eligible" with escape codes: ask for none, and strip any that come anyway before reading the line.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(NO_COLOR=1 npx n8n-node cloud-support 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
echo "$report"
if ! grep -q 'Status: eligible' <<<"$report"; then
	echo "n8n-node cloud-support does not say eligible: strict mode must be on in package.json and eslint.config.mjs must be the CLI's own config, unchanged." >&2
	exit 1
fi
