#!/usr/bin/env bash
# Faultline without Docker: runs the backend and one UI from their jars, with prefixed, coloured logs, waits
# until both are ready, prints the URLs, and stops both on Ctrl-C. Needs a JDK 17+ and nothing else; when
# Debian's redis-server is installed it also runs a throwaway Redis for the UI (shared breakers, the outbox).
#
#   scripts/run-local.sh
#   UI_PORT=18080 BACKEND_PORT=18081 BACKEND_MANAGEMENT_PORT=19081 scripts/run-local.sh   # other ports
#
#   scripts/run-local.sh --build      # rebuild the jars first (after changing the code)
#
#   FAULTLINE_SPEAKER_TOKEN=$(openssl rand -hex 16) FAULTLINE_UI_ADDRESS=0.0.0.0 scripts/run-local.sh
#                                     # the UI open to the room, its controls and the chaos API the speaker's
#
# Every service listens on 127.0.0.1 only, so nobody else on the network can break, crash or control the demo.
# FAULTLINE_UI_ADDRESS=0.0.0.0 (the same switch as in docker-compose.yml) opens the UI, and only the UI, to the
# room. FAULTLINE_SPEAKER_TOKEN is then the one secret: the backend's chaos API wants it (scripts/chaos sends
# it), and only the browser that opened http://localhost:8080/dashboard?speaker=<token> once may use the
# dashboard's controls; opened without it, the UI locks them.
#
# Builds the jars (./mvnw -DskipTests package) when they are missing.
# Environment: UI_PORT (8080), BACKEND_PORT (8081), BACKEND_MANAGEMENT_PORT (9081), WAIT_SECONDS (180),
# FAULTLINE_UI_ADDRESS (127.0.0.1, or 0.0.0.0 for the room), FAULTLINE_SPEAKER_TOKEN (none),
# JAVA_OPTS (extra JVM flags for both), NO_COLOR (plain logs), REDIS_PORT (6379, or the next free one up to
# 6399), NO_REDIS (run the UI without Redis even where redis-server is installed).
set -euo pipefail
cd "$(dirname "$0")/.."

ui_address=${FAULTLINE_UI_ADDRESS:-127.0.0.1}
speaker_token=${FAULTLINE_SPEAKER_TOKEN:-}
ui_port=${UI_PORT:-8080}
backend_port=${BACKEND_PORT:-8081}
backend_management_port=${BACKEND_MANAGEMENT_PORT:-9081}
redis_port=${REDIS_PORT:-6379}
wait_seconds=${WAIT_SECONDS:-180}
read -r -a java_opts <<<"${JAVA_OPTS:-}"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	blue=$'\e[34m' magenta=$'\e[35m' cyan=$'\e[36m' bold=$'\e[1m' red=$'\e[31m' reset=$'\e[0m'
else
	blue='' magenta='' cyan='' bold='' red='' reset=''
fi

lib_tag='[run-local]' lib_say_start=$bold lib_say_end=$reset lib_fail_start=$red lib_fail_end=$reset
source scripts/lib.sh

# The UI's traffic generator reads the UI's own feed on 127.0.0.1, which a UI bound to one other address would
# not serve: loopback, or every interface.
case "$ui_address" in
	127.0.0.1 | localhost | 0.0.0.0 | ::) ;;
	*) fail "FAULTLINE_UI_ADDRESS is 127.0.0.1 (the default) or 0.0.0.0 (the room) for run-local.sh, not '$ui_address'" ;;
esac
case "$ui_address" in
	127.0.0.1 | localhost) ui_opened=false ;;
	*) ui_opened=true ;;
esac

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
for port in "$ui_port" "$backend_port" "$backend_management_port"; do
	! in_use "$port" || fail "port $port is already in use; stop what holds it or choose other ports (see the top of $0)"
done

pids=()
redis_pid='' redis_dir=''
# Each process: SIGTERM, then SIGKILL after 15 s.
stop_all() {
	trap - EXIT INT TERM
	if [ ${#pids[@]} -gt 0 ]; then
		stop_pids 15 "${pids[@]}"
		say "stopped backend and UI"
	fi
	# Redis last, so that the UI does not spend its shutdown reporting a lost Redis.
	if [ -n "$redis_pid" ]; then
		stop_pids 15 "$redis_pid"
		say "stopped Redis"
	fi
	if [ -n "$redis_dir" ]; then
		rm -rf "$redis_dir"
	fi
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

# Redis is optional: the UI works without it, each replica on its own. When redis-server is installed, a
# throwaway one (its own directory, deleted on exit) gives the UI shared breakers and the outbox of posts.
ui_env=()
redis_note="Redis             not running: queuing posts and shared breakers need Redis"
use_redis=false
if [ -n "${NO_REDIS:-}" ]; then
	say "NO_REDIS is set: the UI runs without Redis (no queuing of posts, no shared breakers)"
elif ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
	say "redis-server is not installed: queuing posts and shared breakers need Redis (apt-get install redis-server); running without"
else
	if [ -z "${REDIS_PORT:-}" ]; then
		# Another Redis (a system service, say) may hold 6379: take the next free port rather than share it.
		while in_use "$redis_port" && [ "$redis_port" -lt 6399 ]; do
			redis_port=$((redis_port + 1))
		done
	fi
	if in_use "$redis_port"; then
		say "port $redis_port is in use (set REDIS_PORT to a free one): queuing posts and shared breakers need Redis; running without"
	else
		use_redis=true
	fi
fi
if $use_redis; then
	redis_dir=$(mktemp -d -t faultline-redis-XXXXXX)
	say "starting Redis on 127.0.0.1:$redis_port (data in $redis_dir, deleted on exit)"
	redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --appendonly yes --save "" \
		--protected-mode no --daemonize no \
		> >(prefix redis "$cyan") 2>&1 &
	redis_pid=$!
	redis_deadline=$((SECONDS + 10))
	until [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; do
		if ! kill -0 "$redis_pid" 2>/dev/null || [ "$SECONDS" -ge "$redis_deadline" ]; then
			break
		fi
		sleep 0.2
	done
	if [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; then
		ui_env=(FAULTLINE_SHARED_ENABLED=true SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$redis_port"
			FAULTLINE_SHARED_REPLICA_ID=ui-local)
		redis_note="Redis             127.0.0.1:$redis_port     shared breakers and the outbox; redis-cli -p $redis_port"
	else
		say "Redis did not answer within 10s (see its log above): queuing posts and shared breakers need Redis; running without"
		stop_pids 15 "$redis_pid"
		redis_pid=''
	fi
fi

# The token travels in the environment, not on the command line, where ps would show it to anyone on the machine.
backend_env=()
if [ -n "$speaker_token" ]; then
	backend_env=(FAULTLINE_CHAOS_TOKEN="$speaker_token")
	ui_env+=(FAULTLINE_BACKEND_CHAOS_TOKEN="$speaker_token" FAULTLINE_DASHBOARD_SPEAKER_TOKEN="$speaker_token")
fi

say "using $backend_jar and $ui_jar"
say "starting backend on 127.0.0.1:$backend_port (chaos and actuator on 127.0.0.1:$backend_management_port)" \
	"and UI on $ui_address:$ui_port"
# The backend is on loopback whatever FAULTLINE_UI_ADDRESS says: the UI calls it on this machine.
env ${backend_env[@]+"${backend_env[@]}"} java ${java_opts[@]+"${java_opts[@]}"} -jar "$backend_jar" \
	--server.address=127.0.0.1 --server.port="$backend_port" \
	--management.server.address=127.0.0.1 --management.server.port="$backend_management_port" \
	> >(prefix backend "$blue") 2>&1 &
pids+=($!)
env ${ui_env[@]+"${ui_env[@]}"} java ${java_opts[@]+"${java_opts[@]}"} -jar "$ui_jar" \
	--server.address="$ui_address" --server.port="$ui_port" \
	--faultline.backend.base-url="http://127.0.0.1:$backend_port" \
	--faultline.backend.management-url="http://127.0.0.1:$backend_management_port" \
	> >(prefix ui "$magenta") 2>&1 &
pids+=($!)

started=$SECONDS
ready() { [ "$(http_status 127.0.0.1 "$1" "$2")" = "200" ]; }
both_running() { kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null; }
deadline=$((SECONDS + wait_seconds))
until ready "$backend_management_port" /actuator/health/readiness && ready "$ui_port" /actuator/health/readiness; do
	both_running || fail "a service exited during start-up (see its log above)"
	[ "$SECONDS" -lt "$deadline" ] || fail "not ready after ${wait_seconds}s (see the logs above)"
	sleep 1
done
both_running || fail "a service exited during start-up (see its log above)"

# Who may reach what, in one paragraph: the speaker reads it before opening the room.
if ! $ui_opened; then
	reach_note="Every port is on 127.0.0.1: nobody else on the network can reach the demo.
  FAULTLINE_UI_ADDRESS=0.0.0.0 FAULTLINE_SPEAKER_TOKEN=... $0 opens the UI to the room."
elif [ -n "$speaker_token" ]; then
	# The token is never printed: this terminal may be on the projector.
	reach_note="The UI is open to the room: http://<this machine>:$ui_port ($(hostname -I 2>/dev/null | tr -s ' ' | sed 's/ $//'))
  The backend stays on 127.0.0.1; the chaos API wants FAULTLINE_SPEAKER_TOKEN (scripts/chaos sends it).
  speaker's link    http://localhost:$ui_port/dashboard?speaker=\$FAULTLINE_SPEAKER_TOKEN   (once, in your browser)"
else
	reach_note="${red}The UI is open to the room without FAULTLINE_SPEAKER_TOKEN: its dashboard controls are locked for
  everyone. scripts/chaos still works from this machine; set the token to use the buttons.${reset}${bold}"
fi

cat <<EOT
${bold}
  Faultline is up (ready in $((SECONDS - started))s). Ctrl-C stops everything.

  UI                http://localhost:$ui_port
  backend API       http://localhost:$backend_port/api/messages
  chaos control     http://localhost:$backend_management_port/chaos      e.g. scripts/chaos outage, scripts/chaos off
  backend health    http://localhost:$backend_management_port/actuator/health
  UI health         http://localhost:$ui_port/actuator/health
  $redis_note

  $reach_note
${reset}
EOT

# Until Ctrl-C, or until one of them stops on its own (then the trap stops the other).
while both_running; do
	sleep 1
done
fail "a service stopped on its own (see its log above); stopping the other"
