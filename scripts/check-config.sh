#!/usr/bin/env bash
# Checks the configuration that only its own tools can judge: prometheus.yml with `promtool check config`,
# and docker-compose.yml (with and without the observability profile) with `docker-compose config -q`.
# The JVM tests in deployment-tests check that ports and paths match the services; this checks syntax and
# schema. promtool comes from Debian's prometheus package, unpacked (not installed: no daemon is started).
set -euo pipefail
cd "$(dirname "$0")/.."
lib_tag='check-config:'
source scripts/lib.sh

promtool=$(command -v promtool || true)
if [ -z "$promtool" ]; then
	tools=/var/tmp/faultline-promtool
	if [ ! -x "$tools/usr/bin/promtool" ]; then
		mkdir -p "$tools"
		(cd "$tools" && { apt-get download prometheus >/dev/null 2>&1 \
			|| { apt-get update -qq >/dev/null && apt-get download prometheus >/dev/null; }; } \
			&& dpkg-deb -x prometheus_*.deb . && rm -f prometheus_*.deb) \
			|| fail "no promtool, and Debian's prometheus package could not be fetched"
	fi
	promtool=$tools/usr/bin/promtool
fi
echo "== $("$promtool" --version 2>&1 | head -n 1)"
"$promtool" check config observability/prometheus.yml

# Every dashboard query must be valid PromQL: promtool parses them as recording rules (Grafana's
# $__rate_interval replaced by a plain range).
rules=$(mktemp --suffix=.yml)
trap 'rm -f "$rules"' EXIT
{
	echo "groups:"
	echo "  - name: faultline-dashboard-queries"
	echo "    rules:"
	n=0
	grep -o '"expr": "\([^"\\]\|\\.\)*"' observability/grafana/dashboards/faultline.json \
		| sed -e 's/^"expr": "//' -e 's/"$//' -e 's/\\"/"/g' -e 's/\$__rate_interval/1m/g' \
		| while IFS= read -r expr; do
			n=$((n + 1))
			printf "      - record: faultline:dashboard_query_%s\n        expr: '%s'\n" "$n" "$expr"
		done
} >"$rules"
echo "== dashboard queries: $(grep -c 'expr:' "$rules")"
"$promtool" check rules "$rules"

if command -v docker-compose >/dev/null 2>&1; then
	compose() { docker-compose "$@"; }
else
	compose() { docker compose "$@"; }
fi
echo "== compose config"
compose config -q
compose --profile observability config -q
compose --profile observability config --services | sort | tr '\n' ' '
echo
