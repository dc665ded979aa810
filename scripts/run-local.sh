#!/usr/bin/env bash
# Faultline without Docker: runs the backend and one UI from their jars, with prefixed, coloured logs, waits
# until both are ready, prints the URLs, and stops both on Ctrl-C. Needs a JDK 17+ and nothing else.
#
#   scripts/run-local.sh
#   UI_PORT=18080 BACKEND_PORT=18081 BACKEND_MANAGEMENT_PORT=19081 scripts/run-local.sh   # other ports
#
#   scripts/run-local.sh --build      # rebuild the jars first (after changing the code)
#
# Builds the jars (./mvnw -DskipTests package) when they are missing.
# Environment: UI_PORT (8080), BACKEND_PORT (8081), BACKEND_MANAGEMENT_PORT (9081), WAIT_SECONDS (180),
# JAVA_OPTS (extra JVM flags for both), NO_COLOR (plain logs).
set -euo pipefail
cd "$(dirname "$0")/.."

ui_port=${UI_PORT:-8080}
backend_port=${BACKEND_PORT:-8081}
backend_management_port=${BACKEND_MANAGEMENT_PORT:-9081}
wait_seconds=${WAIT_SECONDS:-180}
read -r -a java_opts <<<"${JAVA_OPTS:-}"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	blue=$'\e[34m' magenta=$'\e[35m' bold=$'\e[1m' red=$'\e[31m' reset=$'\e[0m'
else
	blue='' magenta='' bold='' red='' reset=''
fi

say() { printf '%s[run-local]%s %s\n' "$bold" "$reset" "$*"; }
fail() { printf '%s[run-local] %s%s\n' "$red" "$*" "$reset" >&2; exit 1; }

jar_of() { ls "$1"/target/"$1"-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true; }

# The jars' timestamps are fixed for reproducible builds, so "older than the sources" cannot be told from
# them: build when a jar is missing, or when asked with --build.
if [ "${1:-}" = "--build" ] || [ -z "$(jar_of backend-service)" ] || [ -z "$(jar_of ui-service)" ]; then
	say "building the jars (a few minutes the first time)..."
	./mvnw -B -q -DskipTests -pl backend-service,ui-service -am package
fi
backend_jar=$(jar_of backend-service)
ui_jar=$(jar_of ui-service)

# HTTP status of a URL: curl if there is one, else bash's /dev/tcp, so that a JDK is really all it takes.
http_status() {
	local host=$1 port=$2 path=$3 line
	if command -v curl >/dev/null 2>&1; then
		curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$host:$port$path" || true
		return
	fi
	(
		exec 3<>"/dev/tcp/$host/$port" || exit 0
		printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
		IFS=' ' read -r -t 2 _ line _ <&3 && printf '%s' "$line"
	) 2>/dev/null || true
}

# Something else on our ports would answer the readiness checks for us: refuse to start instead.
in_use() { (exec 3<>"/dev/tcp/localhost/$1") 2>/dev/null; }
for port in "$ui_port" "$backend_port" "$backend_management_port"; do
	! in_use "$port" || fail "port $port is already in use; stop what holds it or choose other ports (see the top of $0)"
done

pids=()
stop_all() {
	trap - EXIT INT TERM
	local pid
	[ ${#pids[@]} -gt 0 ] || return 0
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$pid" 2>/dev/null || true
	done
	say "stopped backend and UI"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

prefix() {
	local label=$1 colour=$2
	while IFS= read -r line; do
		printf '%s%-8s|%s %s\n' "$colour" "$label" "$reset" "$line"
	done
}

say "using $backend_jar and $ui_jar"
say "starting backend on :$backend_port (chaos and actuator on :$backend_management_port) and UI on :$ui_port"
java ${java_opts[@]+"${java_opts[@]}"} -jar "$backend_jar" \
	--server.port="$backend_port" --management.server.port="$backend_management_port" \
	> >(prefix backend "$blue") 2>&1 &
pids+=($!)
java ${java_opts[@]+"${java_opts[@]}"} -jar "$ui_jar" \
	--server.port="$ui_port" --faultline.backend.base-url="http://localhost:$backend_port" \
	> >(prefix ui "$magenta") 2>&1 &
pids+=($!)

started=$SECONDS
ready() { [ "$(http_status localhost "$1" "$2")" = "200" ]; }
both_running() { kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null; }
deadline=$((SECONDS + wait_seconds))
until ready "$backend_management_port" /actuator/health/readiness && ready "$ui_port" /actuator/health/readiness; do
	both_running || fail "a service exited during start-up (see its log above)"
	[ "$SECONDS" -lt "$deadline" ] || fail "not ready after ${wait_seconds}s (see the logs above)"
	sleep 1
done
both_running || fail "a service exited during start-up (see its log above)"

cat <<EOT
${bold}
  Faultline is up (ready in $((SECONDS - started))s). Ctrl-C stops both.

  UI                http://localhost:$ui_port
  backend API       http://localhost:$backend_port/api/messages
  chaos control     http://localhost:$backend_management_port/chaos      e.g. curl -X PUT 'localhost:$backend_management_port/chaos/down?duration=PT30S'
  backend health    http://localhost:$backend_management_port/actuator/health
  UI health         http://localhost:$ui_port/actuator/health
${reset}
EOT

# Until Ctrl-C, or until one of them stops on its own (then the trap stops the other).
while both_running; do
	sleep 1
done
fail "a service stopped on its own (see its log above); stopping the other"
