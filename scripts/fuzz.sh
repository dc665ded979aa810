#!/usr/bin/env bash
# Black-box fuzzing of the real jars: starts the backend and the UI on free ports with a throw-away data
# directory, runs the fuzz module's jar against them (seeded, so a run can be replayed), stops both, and
# counts the ERROR lines in their logs. Needs a JDK 17+ and nothing else (the fuzz jar is built if missing).
#
#   scripts/fuzz.sh                          # 3000 requests, seed from the clock (printed, to replay a run)
#   scripts/fuzz.sh --seed 42 --requests 500
#   scripts/fuzz.sh --jars DIR               # both jars from DIR instead of */target
#
# Exit status: 0 when the fuzzer found no defect and neither log has an ERROR line; 1 otherwise; 2 when the
# services could not be started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

seed=$(date +%s)
requests=3000
jars_dir=''
wait_seconds=90

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
	case "$1" in
		--seed) seed=${2:?--seed needs a number}; shift 2 ;;
		--requests) requests=${2:?--requests needs a number}; shift 2 ;;
		--jars) jars_dir=${2:?--jars needs a directory}; shift 2 ;;
		-h|--help) usage; exit 0 ;;
		*) usage >&2; exit 2 ;;
	esac
done

lib_tag='[fuzz]' lib_fail_status=2
source "$root/scripts/lib.sh"

# The executable jar of a service: the one Spring Boot repackaged, not the "-plain" one.
jar_in() { ls "$1"/"$2"-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true; }
if [ -n "$jars_dir" ]; then
	backend_jar=$(jar_in "$jars_dir" backend-service)
	ui_jar=$(jar_in "$jars_dir" ui-service)
else
	backend_jar=$(jar_in "$root/backend-service/target" backend-service)
	ui_jar=$(jar_in "$root/ui-service/target" ui-service)
fi
[ -n "$backend_jar" ] && [ -n "$ui_jar" ] || fail "jars not found (build them with ./mvnw -DskipTests package, or pass --jars DIR)"

# The fuzzer (module fuzz/): from --jars DIR if it is there, else fuzz/target, (re)built when missing or older
# than its sources or the text rules it shares with the services. Its jar's own time is the build's fixed
# timestamp; the .original beside it has the real one.
fuzz_jar=''
[ -n "$jars_dir" ] && fuzz_jar=$(jar_in "$jars_dir" fuzz)
if [ -z "$fuzz_jar" ]; then
	fuzz_jar=$(jar_in "$root/fuzz/target" fuzz)
	built="$fuzz_jar.original"
	if [ -z "$fuzz_jar" ] || [ ! -e "$built" ] || [ -n "$(find "$root/fuzz/src/main" "$root/fuzz/pom.xml" \
		"$root/message-text/src/main" -newer "$built" -print -quit)" ]; then
		say "building the fuzzer: ./mvnw -q -pl fuzz -am package -DskipTests"
		(cd "$root" && ./mvnw -B -q -pl fuzz -am package -DskipTests) || fail "the fuzzer did not build"
		fuzz_jar=$(jar_in "$root/fuzz/target" fuzz)
	fi
fi
[ -n "$fuzz_jar" ] || fail "fuzz jar not found"

# A free port: a random one above the usual ranges that nothing answers on and that we have not taken yet.
taken=()
free_port() {
	local port attempt
	for attempt in $(seq 1 200); do
		port=$((20000 + RANDOM % 30000))
		[[ " ${taken[*]-} " == *" $port "* ]] && continue
		in_use "$port" && continue
		echo "$port"
		return
	done
	fail "no free port found in 200 attempts"
}
api_port=$(free_port); taken+=("$api_port")
management_port=$(free_port); taken+=("$management_port")
ui_port=$(free_port); taken+=("$ui_port")

work=$(mktemp -d "${TMPDIR:-/tmp}/faultline-fuzz.XXXXXX")
backend_log="$work/backend.log"
ui_log="$work/ui.log"

pids=()
stop_all() {
	stop_pids 20 ${pids[@]+"${pids[@]}"}
	pids=()
}
finish() {
	local status=$?
	stop_all
	say "logs and data: $work"
	exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "seed $seed, $requests requests (replay: scripts/fuzz.sh --seed $seed --requests $requests)"
say "backend $backend_jar on 127.0.0.1:$api_port (management :$management_port), UI $ui_jar on :$ui_port"
# crash stays refused (its default), so no fuzzed setting can end the backend.
java -jar "$backend_jar" --server.address=127.0.0.1 --server.port="$api_port" \
	--management.server.address=127.0.0.1 --management.server.port="$management_port" \
	--faultline.data-dir="$work/data" --faultline.chaos.allow-crash=false >"$backend_log" 2>&1 &
pids+=($!)
java -jar "$ui_jar" --server.address=127.0.0.1 --server.port="$ui_port" \
	--faultline.backend.base-url="http://127.0.0.1:$api_port" \
	--faultline.backend.management-url="http://127.0.0.1:$management_port" >"$ui_log" 2>&1 &
pids+=($!)

# Ready when both readiness groups answer 200; bounded, and a service that exits is reported at once.
ready() {
	local status
	status=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
		printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
		IFS=' ' read -r -t 2 _ status _ <&3 && printf '%s' "$status") 2>/dev/null || true)
	[ "$status" = "200" ]
}
deadline=$((SECONDS + wait_seconds))
until ready "$management_port" && ready "$ui_port"; do
	for pid in "${pids[@]}"; do
		kill -0 "$pid" 2>/dev/null || fail "a service exited during start-up; see $backend_log and $ui_log"
	done
	[ "$SECONDS" -lt "$deadline" ] || fail "not ready after ${wait_seconds}s; see $backend_log and $ui_log"
	sleep 1
done
say "both ready after ${SECONDS}s"

fuzz_status=0
java -jar "$fuzz_jar" --seed "$seed" --requests "$requests" \
	--backend "http://127.0.0.1:$api_port" --management "http://127.0.0.1:$management_port" \
	--ui "http://127.0.0.1:$ui_port" || fuzz_status=$?
stop_all

# Log lines at ERROR level ("HH:mm:ss.SSS ERROR [thread] logger : message"); stack trace lines do not match.
errors=0
for log in "$backend_log" "$ui_log"; do
	count=$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} +ERROR ' "$log" || true)
	say "$count ERROR line(s) in $(basename "$log")"
	grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} +ERROR ' "$log" | sed 's/^/    /' || true
	errors=$((errors + count))
done

say "seed $seed: fuzzer exit $fuzz_status, $errors ERROR log line(s)"
if [ "$fuzz_status" -ne 0 ] || [ "$errors" -ne 0 ]; then
	exit 1
fi
