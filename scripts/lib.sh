# What the scripts share; sourced, never run:
#
#   lib_tag='[run-local]'; source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
#   say MESSAGE...          prints "<tag> MESSAGE" on standard output
#   fail MESSAGE...         prints "<tag> MESSAGE" on standard error and exits (status 1, or $lib_fail_status)
#   in_use PORT             succeeds when something on 127.0.0.1 accepts a connection on PORT
#   stop_pids SECONDS PID...
#                           SIGTERM to each, then SIGKILL to each one still there after SECONDS (bounded)
#
# Optional settings, read when called: lib_say_start/lib_say_end around the tag of say (colours),
# lib_fail_start/lib_fail_end around the whole line of fail, lib_fail_status (1).
# Bash only: in_use opens bash's /dev/tcp, so that a JDK is really all a script needs.

say() { printf '%s%s%s %s\n' "${lib_say_start-}" "${lib_tag-}" "${lib_say_end-}" "$*"; }

fail() {
	printf '%s%s %s%s\n' "${lib_fail_start-}" "${lib_tag-}" "$*" "${lib_fail_end-}" >&2
	exit "${lib_fail_status:-1}"
}

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_pids() {
	local seconds=$1 pid
	shift
	for pid in "$@"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "$@"; do
		for _ in $(seq 1 $((seconds * 2))); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$pid" 2>/dev/null || true
	done
}
