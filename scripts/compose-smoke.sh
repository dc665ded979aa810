#!/usr/bin/env bash
# End-to-end test of the compose stack: builds the images, starts three backend replicas on PostgreSQL and two UI
# replicas, and checks what the demo promises: the UI shows the backend's messages; each replica's chaos API answers
# (9081, 9181, 9281); one Idempotency-Key posted to all three replicas at once stores one message; with traffic
# running, a backend replica killed (SIGKILL) costs level full not one live read while level none loses some, and the
# replica serves again once started. Then the whole backend, every replica at once (scripts/chaos's default): a chaos
# "down" makes the UI serve its cached fallback; stopping and starting the backends heals; a crash is restarted by the
# restart policy; messages survive in the volume; both UI replicas answer; ui-2's breaker follows ui-1's through
# Redis without a backend call of its own; a post made during an outage is stored exactly once after it. And who can
# reach what: out of the box no port answers a request from another host (a test host in a network namespace of
# its own: a request from the room never reaches chaos); FAULTLINE_UI_ADDRESS without a token opens the UI to that
# host with its controls locked; with
# FAULTLINE_SPEAKER_TOKEN the chaos API wants the token, a stranger's dashboard button is refused (403), the speaker's
# link opens the controls and the UI passes the token on. Always tears the stack down; exits non-zero on any
# failure, after printing the containers' logs.
#
#   scripts/compose-smoke.sh                       # needs docker-compose or `docker compose`, curl, free ports
#   SMOKE_ALLOW_MISSING=1 scripts/compose-smoke.sh # report features not built yet as MISSING, not as failures
#
# On a machine without a Docker engine: source ../shared/containers/setup.sh first (podman behind the
# Docker API). Uses the compose project "faultline-smoke", so it never touches a stack you run yourself;
# it does need the demo's host ports (8080, 8082; 8081, 8181, 8281; 9081, 9181, 9281) to be free. The network checks never leave this
# machine: 127.0.0.1, and "the room", a network namespace made here (as root) and linked to this machine by a veth
# pair on documentation addresses (198.51.100.0/30), removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

export COMPOSE_PROJECT_NAME=faultline-smoke
# The switch and the token start unset, whatever the calling shell has: the first phases check the defaults. So do
# scripts/chaos's targets: it must find the three replicas by itself.
unset FAULTLINE_UI_ADDRESS FAULTLINE_SPEAKER_TOKEN CHAOS_TOKEN CHAOS_URL CHAOS_URLS
start_wait=${SMOKE_START_SECONDS:-300}      # bounded wait for the stack to come up
heal_wait=${SMOKE_HEAL_SECONDS:-120}        # bounded wait for each healing step
traffic_seconds=${SMOKE_TRAFFIC_SECONDS:-15} # how long the kill phase sends reads
ui_1=http://127.0.0.1:8080
ui_2=http://127.0.0.1:8082
# The backend replicas: compose service, API and control (actuator, chaos) on this machine. backend-1's are the
# single backend's ports, which the checks that need one replica use.
backends=(backend-1 backend-2 backend-3)
apis=(http://127.0.0.1:8081 http://127.0.0.1:8181 http://127.0.0.1:8281)
controls=(http://127.0.0.1:9081 http://127.0.0.1:9181 http://127.0.0.1:9281)
api=${apis[0]}
control=${controls[0]}
room='' room_ns=fl-smoke-room room_made=''

if command -v docker-compose >/dev/null 2>&1; then
	compose() { docker-compose "$@"; }
else
	compose() { docker compose "$@"; }
fi

failures=0 missing=0
pass() { printf 'PASS     %s\n' "$*"; }
failed() { printf 'FAIL     %s\n' "$*"; failures=$((failures + 1)); }
absent() { printf 'MISSING  %s\n' "$*"; missing=$((missing + 1)); }
phase() { printf '\n== %s (t=%ss)\n' "$*" "$SECONDS"; }

teardown() {
	local status=$?
	trap - EXIT INT TERM
	if [ "$status" -ne 0 ] || [ "$failures" -gt 0 ]; then
		phase "logs (failure)"
		compose ps || true
		compose logs --no-color --tail=150 || true
	fi
	phase "tear down"
	# Twice if needed: a container caught mid-restart by its restart policy can survive the first down.
	compose down -v --remove-orphans >/dev/null 2>&1 || true
	if [ -n "$(compose ps -q 2>/dev/null)" ]; then
		sleep 2
		compose down -v --remove-orphans || true
	fi
	if [ -n "$room_made" ]; then
		ip netns del "$room_ns" 2>/dev/null || true
		ip link del fl-room-host 2>/dev/null || true
	fi
	exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A request to this machine's side of the room's link is sent from the room, as a phone in the audience would send it.
curl() {
	if [ -n "$room" ] && [[ " $* " == *"://$room:"* ]]; then
		ip netns exec "$room_ns" curl "$@"
	else
		command curl "$@"
	fi
}
# status URL [curl args...]: the HTTP status, or 000 when nothing answered.
# A first request to a cold replica on a busy machine can be slow: 10 s per call, and checks poll (bounded).
status() { local url=$1; shift; curl -s -o /dev/null -m 10 -w '%{http_code}' "$@" "$url" || true; }
body() { curl -s -m 10 "$@" || true; }
# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND once a second until it succeeds or time runs out.
wait_for() {
	local seconds=$1 what=$2 deadline=$((SECONDS + $1))
	shift 2
	until "$@"; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			return 1
		fi
		sleep 1
	done
	printf '         (%s after %ss)\n' "$what" "$((SECONDS - deadline + seconds))"
}
is_ok() { [ "$(status "$1")" = "200" ]; }
feed_source() { body "$1/api/feed?level=full" | grep -o '"source" *: *"[a-z]*"' | head -n 1 | grep -o '"[a-z]*"$' | tr -d '"'; }
feed_is() { [ "$(feed_source "$1")" = "$2" ]; }
page_has() { body "$1/" | grep -qF "$2"; }
backend_ready() {
	local url
	for url in "${controls[@]}"; do
		is_ok "$url/actuator/health/readiness" || return 1
	done
}
no_backend_answers() {
	local url
	for url in "${controls[@]}"; do
		! command curl -s -o /dev/null -m 2 "$url/actuator/health/liveness" || return 1
	done
}
# chaos ARGS...: scripts/chaos as the speaker types it, on every replica unless --on says otherwise; which replica
# it called with which curl is shown indented under the checks, the JSON answers are not.
chaos() { scripts/chaos "$@" 2>&1 >/dev/null | sed 's/^/         | /'; }
stack_ready() { backend_ready && is_ok "$ui_1/actuator/health/readiness" && is_ok "$ui_2/actuator/health/readiness"; }
room_stack_ready() { backend_ready && is_ok "http://$room:8080/actuator/health/readiness"; }

phase "build"
build_started=$SECONDS
compose build
printf '         (images built in %ss)\n' "$((SECONDS - build_started))"

phase "up"
compose down -v --remove-orphans >/dev/null 2>&1 || true
up_started=$SECONDS
compose up -d
if wait_for "$start_wait" "three backends and both UI replicas ready" stack_ready; then
	pass "stack up: backend-1, -2 and -3 ready on 9081, 9181 and 9281, ui-1 and ui-2 ready (in $((SECONDS - up_started))s)"
else
	failed "stack not ready within ${start_wait}s"
	exit 1
fi

phase "out of the box nothing answers beyond loopback"
# The room: a test host in a network namespace of its own, linked to this machine by a veth pair. To it this machine
# is 198.51.100.1, a non-loopback address, so a request from it arrives as one from the conference network would.
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1 && ip netns add "$room_ns" 2>/dev/null; then
	room_made=1
	if ip link add fl-room-host type veth peer name fl-room-guest \
		&& ip link set fl-room-guest netns "$room_ns" \
		&& ip addr add 198.51.100.1/30 dev fl-room-host && ip link set fl-room-host up \
		&& ip netns exec "$room_ns" ip addr add 198.51.100.2/30 dev fl-room-guest \
		&& ip netns exec "$room_ns" ip link set fl-room-guest up && ip netns exec "$room_ns" ip link set lo up; then
		room=198.51.100.1
	fi
fi
# refused URL: nothing answers (connection refused, or nothing at all within 5 s), so nothing behind it is reached.
refused() { [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true)" = "000" ]; }
if [ -n "$room" ]; then
	printf '         (this machine is %s to the room)\n' "$room"
	for check in "9081/chaos chaos control" "9081/actuator/health actuator" "8081/api/messages message API" \
		"9181/chaos backend-2's chaos control" "8181/api/messages backend-2's API" \
		"9281/chaos backend-3's chaos control" "8281/api/messages backend-3's API" "8080/ ui-1" "8082/ ui-2"; do
		target=${check%% *} what=${check#* }
		refused "http://$room:$target" && pass "$what refuses http://$room:$target (published on 127.0.0.1 only)" \
			|| failed "$what answers on http://$room:$target: reachable from the network"
	done
else
	absent "no room to test from (run as root, with ip from iproute2, to make its network namespace)"
fi

phase "the UI shows the backend's messages"
marker="Smoke test $(date +%s) $RANDOM"
created=$(status "$api/api/messages" -X POST -H 'Content-Type: application/json' \
	-d "{\"author\": \"compose-smoke\", \"text\": \"$marker\"}")
[ "$created" = "201" ] && pass "backend API stores a message (201)" || failed "POST /api/messages answered $created"
# The feed tells whether the UI's resilience feature is there; without it the page cannot list messages yet.
feed_status=$(status "$ui_1/api/feed?level=full")
has_feed=false
[ "$feed_status" = "200" ] && has_feed=true
page_lists_marker() {
	local ui=$1 seconds=$2 what=$3
	$has_feed || seconds=2
	if wait_for "$seconds" "message on the page" page_has "$ui" "$marker"; then
		pass "$what"
	elif $has_feed; then
		failed "$what: '$marker' is not on $ui/"
	else
		absent "$what (the UI does not render messages yet)"
	fi
}
page_lists_marker "$ui_1" 30 "ui-1 page lists the message just stored in the backend"
if $has_feed; then
	wait_for 30 "feed live" feed_is "$ui_1" live && pass "ui-1 feed source=live" \
		|| failed "ui-1 feed source is '$(feed_source "$ui_1")', expected live"
else
	absent "UI feed GET /api/feed?level=full answered $feed_status (UI resilience feature not built yet?)"
fi

phase "chaos control on each replica (9081, 9181, 9281)"
has_chaos=true
for i in "${!backends[@]}"; do
	chaos_status=$(status "${controls[$i]}/chaos")
	if [ "$chaos_status" = "200" ]; then
		pass "curl ${controls[$i]#http://}/chaos answers 200 (${backends[$i]})"
	else
		has_chaos=false
		absent "GET ${controls[$i]}/chaos answered $chaos_status (${backends[$i]}: chaos API not built yet?)"
	fi
done
if $has_chaos; then
	answer=$(scripts/chaos status 2>&1 >/dev/null || true)
	[ "$(grep -c '^# backend-[123]$' <<<"$answer")" = "${#backends[@]}" ] \
		&& pass "scripts/chaos status, no settings, asks all ${#backends[@]} replicas and names each" \
		|| failed "scripts/chaos status did not name each replica: $answer"
fi

phase "one Idempotency-Key posted to all three replicas at once is stored once"
once_key="smoke-once-$(date +%s)-$RANDOM"
once_text="Posted to every replica at once $once_key"
once_dir=$(mktemp -d)
for i in "${!backends[@]}"; do
	command curl -s -m 10 -o "$once_dir/$i.body" -D "$once_dir/$i.headers" -X POST "${apis[$i]}/api/messages" \
		-H 'Content-Type: application/json' -H "Idempotency-Key: $once_key" \
		-d "{\"author\": \"compose-smoke\", \"text\": \"$once_text\"}" &
done
wait
statuses='' ids='' replayed=0
for i in "${!backends[@]}"; do
	statuses+="$(head -n 1 "$once_dir/$i.headers" 2>/dev/null | awk '{ print $2 }') "
	ids+="$(grep -o '"id" *: *[0-9]*' "$once_dir/$i.body" 2>/dev/null | grep -o '[0-9]*$' || true) "
	grep -qi '^Idempotent-Replayed: *true' "$once_dir/$i.headers" 2>/dev/null && replayed=$((replayed + 1))
done
rm -rf "$once_dir"
[ "$statuses" = "201 201 201 " ] && pass "each replica answered 201" || failed "the replicas answered: $statuses"
[ "$(tr ' ' '\n' <<<"$ids" | grep -c .)" = "${#backends[@]}" ] && [ "$(tr ' ' '\n' <<<"$ids" | grep . | sort -u | wc -l)" = 1 ] \
	&& pass "with the same id (${ids%% *})" || failed "ids: $ids"
[ "$replayed" = 2 ] && pass "two of the three answers are replays (Idempotent-Replayed: true)" \
	|| failed "$replayed of the three answers are replays, expected 2"
for i in "${!backends[@]}"; do
	count=$(body "${apis[$i]}/api/messages?limit=100" | grep -o "\"$once_text\"" | wc -l)
	[ "$count" = 1 ] && pass "${backends[$i]} lists the message once" \
		|| failed "${backends[$i]} lists the message $count times"
done

phase "kill -9 one backend replica while traffic runs: level full stays live, level none loses reads"
if $has_feed; then
	# One read of ui-1's feed: when it was sent (seconds into the run), HTTP status, seconds taken, source, replica.
	read_feed() {
		local level=$1 sent=$SECONDS answer source replica
		answer=$(command curl -s -m 10 -w '\n%{http_code} %{time_total}' "$ui_1/api/feed?level=$level" || true)
		source=$(grep -o '"source" *: *"[a-z]*"' <<<"$answer" | head -n 1 | grep -o '"[a-z]*"$' | tr -d '"' || true)
		replica=$(grep -o '"replica" *: *"[^"]*"' <<<"$answer" | head -n 1 | cut -d'"' -f4 || true)
		printf '%s %s %s %s\n' "$sent" "$(tail -n 1 <<<"$answer")" "${source:--}" "${replica:--}"
	}
	# About 10 reads a second for SECONDS, each in the background (an open model: a slow answer does not hold back
	# the next read), one line each in FILE.
	traffic() {
		local level=$1 file=$2 end=$((SECONDS + $3))
		while [ "$SECONDS" -lt "$end" ]; do
			read_feed "$level" >>"$file" &
			sleep 0.1
		done
		wait
	}
	# Every replica must be in rotation before the kill, or it proves nothing: a few reads at each level first.
	served_by_all() {
		local seen='' n
		for n in 1 2 3 4 5 6; do
			seen+=" $(read_feed full | awk '{ print $5 }')"
		done
		[[ "$seen" == *backend-1:* && "$seen" == *backend-2:* && "$seen" == *backend-3:* ]]
	}
	wait_for 60 "ui-1 reads from all three replicas" served_by_all \
		&& pass "ui-1's level full reads from backend-1, -2 and -3 in turn" \
		|| failed "ui-1's level full does not read from all three replicas: $(read_feed full)"
	for n in 1 2 3 4 5 6 7 8 9 10; do read_feed none >/dev/null; done
	full_reads=$(mktemp) none_reads=$(mktemp)
	traffic_started=$SECONDS
	traffic full "$full_reads" "$traffic_seconds" &
	full_traffic=$!
	traffic none "$none_reads" "$traffic_seconds" &
	none_traffic=$!
	sleep 3
	killed_at=$SECONDS
	compose kill -s SIGKILL backend-2 >/dev/null 2>&1 && pass "backend-2 killed (SIGKILL) $((killed_at - traffic_started))s into the traffic" \
		|| failed "docker compose kill -s SIGKILL backend-2 failed"
	wait "$full_traffic" "$none_traffic" || true
	# Reads sent after the kill; among them the live ones, and who answered.
	after() { awk -v t="$killed_at" '$1 >= t' "$1"; }
	is_live() { awk '$2 == 200 && $4 == "live"'; }
	full_total=$(wc -l <"$full_reads") full_after=$(after "$full_reads" | wc -l)
	full_failed=$(grep -cv ' 200 [0-9.]* live ' "$full_reads" || true)
	full_slowest=$(awk '{ if ($3 > m) m = $3 } END { printf "%.2f", m }' "$full_reads")
	none_total=$(wc -l <"$none_reads") none_after=$(after "$none_reads" | wc -l)
	none_lost=$(after "$none_reads" | grep -cv ' 200 [0-9.]* live ' || true)
	answered_by=$(after "$full_reads" | is_live | awk '{ n[$5]++ } END { for (r in n) printf "%s %d, ", r, n[r] }')
	printf '         level full: %s reads, %s after the kill, %s not live, slowest %s s; after the kill answered by: %s\n' \
		"$full_total" "$full_after" "$full_failed" "$full_slowest" "${answered_by%, }"
	printf '         level none: %s reads, %s after the kill, %s of them lost\n' "$none_total" "$none_after" "$none_lost"
	# About 10 reads a second: on a busy 2-core machine far fewer still show the point, none at all would not.
	if [ "$full_after" -lt 30 ]; then
		failed "level full: only $full_after reads after the kill (the traffic did not run)"
	elif [ "$full_failed" = 0 ]; then
		pass "level full: all $full_total reads live within the deadline, $full_after of them after backend-2 was killed"
	else
		failed "level full: $full_failed of $full_total reads not live: $(grep -v ' 200 [0-9.]* live ' "$full_reads" | head -n 5 | tr '\n' ';')"
	fi
	# Round robin over three with one dead loses about a third; none lost means the kill did not bite.
	if [ "$none_after" -lt 30 ]; then
		failed "level none: only $none_after reads after the kill (the traffic did not run)"
	elif [ "$none_lost" -gt 0 ]; then
		pass "level none lost $none_lost of $none_after reads after the kill (no retry elsewhere, no ejection)"
	else
		failed "level none lost none of $none_after reads after the kill: the kill did not bite"
	fi
	rm -f "$full_reads" "$none_reads"
	compose start backend-2 >/dev/null 2>&1 || true
	wait_for "$heal_wait" "backend-2 ready" is_ok "${controls[1]}/actuator/health/readiness" \
		&& pass "backend-2 ready again after start" || failed "backend-2 not ready ${heal_wait}s after start"
	served_by_backend_2() { [ "$(read_feed full | awk '{ print $4, $5 }')" = "live backend-2:8081" ]; }
	wait_for 60 "ui-1 reads from backend-2 again" served_by_backend_2 \
		&& pass "ui-1's level full reads from backend-2 again (back in rotation)" \
		|| failed "ui-1's level full has not read from backend-2 within 60s of it being ready"
else
	absent "replica killed under traffic (needs the UI feed)"
fi

phase "chaos down on every replica: the UI serves its cached fallback"
if $has_chaos && $has_feed; then
	chaos down duration=PT90S && pass "scripts/chaos down reached every replica" || failed "scripts/chaos down failed"
	for i in "${!backends[@]}"; do
		[ "$(status "${apis[$i]}/api/messages")" = "000" ] && pass "${backends[$i]}'s API port refuses connections while down" \
			|| failed "${backends[$i]}'s API port still answers while down"
	done
	wait_for 30 "fallback" feed_is "$ui_1" cache && pass "ui-1 feed source=cache while the backend is down" \
		|| failed "ui-1 feed source is '$(feed_source "$ui_1")' while down, expected cache"
	wait_for 15 "page" is_ok "$ui_1/" && pass "ui-1 page still answers 200 while the backend is down" \
		|| failed "ui-1 page fails while down"
	chaos off && pass "scripts/chaos off reached every replica" || failed "scripts/chaos off failed"
	no_faults_anywhere() {
		local url
		for url in "${controls[@]}"; do
			grep -q '"faults" : \[ \]' <<<"$(body "$url/chaos")" || return 1
		done
	}
	no_faults_anywhere && pass "no fault active on any replica after off" || failed "a fault is still active after off"
	wait_for "$heal_wait" "healed" feed_is "$ui_1" live && pass "ui-1 feed back to live after the fault is cleared" \
		|| failed "ui-1 feed still '$(feed_source "$ui_1")' ${heal_wait}s after scripts/chaos off"
else
	absent "chaos down -> cached fallback (needs the chaos API and the UI feed)"
fi

phase "every backend stopped and started: the UI copes, then heals; messages survive"
compose stop "${backends[@]}"
wait_for 15 "page" is_ok "$ui_1/" && pass "ui-1 page answers 200 with every backend stopped" \
	|| failed "ui-1 page fails with every backend stopped"
if $has_feed; then
	wait_for 30 "fallback" feed_is "$ui_1" cache && pass "ui-1 feed source=cache with every backend stopped" \
		|| failed "ui-1 feed source is '$(feed_source "$ui_1")' with every backend stopped, expected cache"
fi
compose start "${backends[@]}"
if wait_for "$heal_wait" "backends ready again" backend_ready; then
	pass "all three backends ready again after start"
else
	failed "not every backend ready ${heal_wait}s after start"
fi
if $has_feed; then
	wait_for "$heal_wait" "healed" feed_is "$ui_1" live && pass "ui-1 feed back to live after the backends restarted" \
		|| failed "ui-1 feed still '$(feed_source "$ui_1")' ${heal_wait}s after the backends restarted"
fi
body "$api/api/messages?limit=100" | grep -qF "$marker" && pass "the stored message survived the restart (volume)" \
	|| failed "the message stored before the restart is gone"
page_lists_marker "$ui_1" 60 "ui-1 page lists the backend's messages again after the restart"

phase "crash fault on every replica: the restart policy brings the backend back"
if $has_chaos; then
	crash=$(status "$control/chaos/crash" -X PUT)
	case "$crash" in
		2*)
			pass "PUT /chaos/crash answered $crash on backend-1"
			chaos --on 2,3 crash && pass "scripts/chaos --on 2,3 crash reached backend-2 and backend-3" \
				|| failed "scripts/chaos --on 2,3 crash failed"
			wait_for 30 "backends gone" no_backend_answers \
				&& pass "every backend process exited" || failed "a backend still answers 30s after the crash fault"
			wait_for "$heal_wait" "restarted" backend_ready && pass "every backend restarted by restart: unless-stopped" \
				|| failed "not every backend back ${heal_wait}s after the crash (restart policy)"
			;;
		404) absent "PUT /chaos/crash answered 404 (crash fault not built yet?)" ;;
		*) failed "PUT /chaos/crash answered $crash" ;;
	esac
else
	absent "crash fault and restart (needs the chaos API)"
fi

phase "both UI replicas answer"
for ui in "$ui_1" "$ui_2"; do
	wait_for 15 "page" is_ok "$ui/" && pass "$ui answers 200" || failed "$ui does not answer 200 within 15s"
done
page_lists_marker "$ui_2" 30 "ui-2 page lists the backend's messages too"

phase "shared breakers: ui-2 follows ui-1 through Redis"
# The state of level full's breaker on a replica, from its actuator.
breaker_state() { body "$1/actuator/circuitbreakers" | grep -o '"full" *: *{[^}]*' | grep -o '"state" *: *"[A-Z_]*"' | grep -o '[A-Z_]*"$' | tr -d '"'; }
breaker_is() { [ "$(breaker_state "$1")" = "$2" ]; }
# Every call level full's breaker has seen on a replica (Prometheus counts them by outcome).
breaker_calls() { body "$1/actuator/prometheus" | grep '^resilience4j_circuitbreaker_calls_seconds_count{' | grep 'name="full"' | awk '{ s += $NF } END { printf "%d", s }'; }
open_ui_1() { body "$ui_1/api/feed?level=full" >/dev/null; breaker_is "$ui_1" OPEN; }
if $has_chaos && $has_feed; then
	wait_for "$heal_wait" "ui-2 closed" breaker_is "$ui_2" CLOSED || true
	calls_before=$(breaker_calls "$ui_2")
	# Every replica: with one down, level full reads from the others and its breaker rightly stays closed.
	chaos down duration=PT90S || true
	if wait_for 60 "ui-1 breaker open" open_ui_1; then
		opened=$SECONDS
		if wait_for 10 "ui-2 breaker open" breaker_is "$ui_2" OPEN; then
			pass "ui-2's breaker followed ui-1's to OPEN within $((SECONDS - opened))s (polled once a second)"
		else
			failed "ui-2's breaker is '$(breaker_state "$ui_2")' 10s after ui-1's opened"
		fi
		calls_after=$(breaker_calls "$ui_2")
		[ "$calls_before" = "$calls_after" ] && pass "ui-2 made no backend call of its own ($calls_after calls before and after)" \
			|| failed "ui-2's breaker counted calls: $calls_before before, $calls_after after"
	else
		failed "ui-1's breaker did not open within 60s of down"
	fi

	phase "a post made during the outage is queued and stored once after off"
	jar=$(mktemp)
	page=$(curl -s -m 10 -c "$jar" -b "$jar" "$ui_1/?level=full")
	csrf=$(printf '%s' "$page" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | grep -o 'value="[^"]*"' | head -n 1 | cut -d'"' -f2)
	key=$(printf '%s' "$page" | grep -o 'name="idempotencyKey"[^>]*value="[^"]*"' | grep -o 'value="[^"]*"' | head -n 1 | cut -d'"' -f2)
	queued_text="Queued by the smoke test $(date +%s) $RANDOM"
	posted=$(status "$ui_1/messages?level=full" -c "$jar" -b "$jar" -X POST \
		--data-urlencode "_csrf=$csrf" --data-urlencode "idempotencyKey=$key" \
		--data-urlencode "author=compose-smoke" --data-urlencode "text=$queued_text")
	rm -f "$jar"
	[ "$posted" = "302" ] && pass "a post during the outage is answered at once (302, queued)" \
		|| failed "POST /messages during the outage answered $posted, expected 302"
	chaos off || true
	# Stored once in the one database: every replica lists it once.
	stored_once() {
		local url
		for url in "${apis[@]}"; do
			[ "$(body "$url/api/messages?limit=100" | grep -o "\"$queued_text\"" | wc -l)" -eq 1 ] || return 1
		done
	}
	if wait_for 60 "queued post delivered" stored_once; then
		sleep 3
		stored_once && pass "the queued post is stored exactly once after off (each replica lists it once)" \
			|| failed "the queued post is stored more than once"
	else
		failed "the queued post is not stored once within 60s of off"
	fi
	# ui-2's breaker half-opens when ui-1's closes, and closes on its own trial call: a read gives it one.
	closed_ui_2() { body "$ui_2/api/feed?level=full" >/dev/null; breaker_is "$ui_2" CLOSED; }
	if wait_for 30 "ui-2 healed" closed_ui_2; then
		pass "ui-2's breaker closed again after off, on its own trial call"
	else
		failed "ui-2's breaker is '$(breaker_state "$ui_2")' 30s after off"
	fi
else
	absent "shared breakers and queued posts (need the chaos API and the UI feed)"
fi

phase "Redis stopped: every page answers as before, each replica on its own"
shared_link() { body "$1/actuator/health" | grep -o '"sharedState" *: *{[^}]*}' | grep -o '"link" *: *"[a-z ]*"' | cut -d'"' -f4; }
link_is() { [ "$(shared_link "$1")" = "$2" ]; }
compose stop redis
slowest=0
for path in "/?level=full" "/api/feed?level=full" "/?level=fallback" "/about" "/dashboard"; do
	for ui in "$ui_1" "$ui_2"; do
		ms=$(curl -s -o /dev/null -m 10 -w '%{time_total}' "$ui$path" | awk '{ printf "%d", $1 * 1000 }')
		[ "$ms" -gt "$slowest" ] && slowest=$ms
	done
done
# The deadline is 2 s; a cold page on a busy 2-core machine gets a margin.
[ "$slowest" -lt 3000 ] && pass "with Redis stopped the slowest page answered in ${slowest} ms (deadline 2 s)" \
	|| failed "with Redis stopped a page took ${slowest} ms"
wait_for 30 "ui-1 local only" link_is "$ui_1" "local only" && pass "ui-1's health says sharedState: local only, still UP" \
	|| failed "ui-1's sharedState is '$(shared_link "$ui_1")' with Redis stopped"
is_ok "$ui_1/actuator/health/readiness" && pass "ui-1 stays ready without Redis" || failed "ui-1 is not ready without Redis"
compose start redis
wait_for 60 "ui-1 connected" link_is "$ui_1" connected && pass "sharing resumes by itself when Redis is back" \
	|| failed "ui-1's sharedState is '$(shared_link "$ui_1")' 60s after Redis started"

# control JAR BASE METHOD PATH [curl args...]: a dashboard control as the page's script sends it, with the page's
# session and CSRF token (kept in JAR); prints the status, leaves the body in JAR.body.
control() {
	local jar=$1 base=$2 method=$3 path=$4 page csrf header
	shift 4
	page=$(curl -s -m 10 -c "$jar" -b "$jar" "$base/dashboard" || true)
	csrf=$(printf '%s' "$page" | grep -o 'data-csrf="[^"]*"' | head -n 1 | cut -d'"' -f2)
	header=$(printf '%s' "$page" | grep -o 'data-csrf-header="[^"]*"' | head -n 1 | cut -d'"' -f2)
	curl -s -m 10 -c "$jar" -b "$jar" -o "$jar.body" -w '%{http_code}' -X "$method" -H "${header:-X-CSRF-TOKEN}: $csrf" \
		-H 'Accept: application/json' "$@" "$base/dashboard$path" || true
}
# Here-strings, not pipes, into grep -q: under pipefail a writer cut short by grep's early exit would fail the check.
no_faults() { grep -q '"faults" : \[ \]' <<<"$(body "$control/chaos" "$@")"; }

phase "the UI opened to the room without a token: it serves, its controls are locked"
if [ -n "$room" ]; then
	room_ui="http://$room:8080"
	# The room's side of this machine rather than the README's 0.0.0.0: netavark, podman's network stack that stands in
	# for Docker here, forwards a port published on an explicit 0.0.0.0 to nothing (its rule matches the destination
	# 0.0.0.0 itself); Docker publishes it on every address. The UI's own rule is the same for both: not loopback.
	FAULTLINE_UI_ADDRESS=$room compose up -d ui-1
	if wait_for "$start_wait" "ui-1 ready on $room" is_ok "$room_ui/actuator/health/readiness"; then
		wait_for 15 "page" is_ok "$room_ui/" && pass "ui-1 serves the room on $room_ui" \
			|| failed "ui-1 does not serve $room_ui/"
		grep -q 'data-locked="true"' <<<"$(body "$room_ui/dashboard")" \
			&& pass "the dashboard on $room_ui shows its controls locked" || failed "the dashboard's controls are not locked"
		jar=$(mktemp)
		answer=$(control "$jar" "$room_ui" POST /chaos/outage)
		[ "$answer" = "403" ] && grep -q '"rule":"speaker-token-not-set"' "$jar.body" \
			&& pass "a chaos button from the room is refused: 403 speaker-token-not-set" \
			|| failed "a chaos button from the room answered $answer: $(cat "$jar.body" 2>/dev/null)"
		rm -f "$jar" "$jar.body"
		no_faults && pass "the backend heard nothing of it (no fault active)" || failed "a fault is active after a refused button"
		grep -q "without a speaker token" <<<"$(compose logs --no-color ui-1 2>/dev/null || true)" \
			&& pass "ui-1 warns at start-up that it is open without a speaker token" || failed "ui-1 logged no warning"
		refused "http://$room:9081/chaos" && pass "the chaos control still refuses http://$room:9081" \
			|| failed "the chaos control answers on http://$room:9081"
	else
		failed "ui-1 not ready on $room_ui within ${start_wait}s with FAULTLINE_UI_ADDRESS=$room"
	fi
else
	absent "the UI opened to the room (no room to test from)"
fi

phase "with FAULTLINE_SPEAKER_TOKEN: the chaos API and the dashboard's controls are the speaker's"
if [ -n "$room" ]; then
	token="smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
	FAULTLINE_UI_ADDRESS=$room FAULTLINE_SPEAKER_TOKEN=$token compose up -d "${backends[@]}" ui-1
	if wait_for "$start_wait" "backends and ui-1 ready" room_stack_ready; then
		for url in "${controls[@]}"; do
			for call in "GET /chaos" "PUT /chaos/crash"; do
				answer=$(status "$url${call#* }" -X "${call%% *}")
				[ "$answer" = "401" ] && pass "$call on ${url#http://} without the token: 401" \
					|| failed "$call on ${url#http://} without the token answered $answer"
			done
		done
		answer=$(status "$control/chaos" -H "X-Chaos-Token: $token")
		[ "$answer" = "200" ] && pass "GET /chaos with the token: 200" || failed "GET /chaos with the token answered $answer"
		[ "$(FAULTLINE_SPEAKER_TOKEN=$token scripts/chaos status 2>/dev/null | grep -c '"faults"' || true)" = "${#backends[@]}" ] \
			&& pass "scripts/chaos sends FAULTLINE_SPEAKER_TOKEN to every replica" \
			|| failed "scripts/chaos status failed on some replica with the token"
		for target in 9081/chaos 8081/api/messages 9181/chaos 9281/chaos; do
			refused "http://$room:$target" && pass "http://$room:$target still refuses" \
				|| failed "http://$room:$target answers with the token set"
		done
		jar=$(mktemp)
		answer=$(control "$jar" "$room_ui" POST /chaos/outage)
		[ "$answer" = "403" ] && grep -q '"rule":"speaker-token"' "$jar.body" \
			&& pass "a stranger's chaos button from the room: 403 speaker-token" \
			|| failed "a stranger's chaos button answered $answer: $(cat "$jar.body" 2>/dev/null)"
		rm -f "$jar" "$jar.body"
		no_faults -H "X-Chaos-Token: $token" && pass "the backend heard nothing of it" \
			|| failed "a fault is active after a stranger's button"
		# The speaker's browser: on the laptop it would use localhost, which 0.0.0.0 includes; published on the room's
		# address alone (see above), the UI is reached there, and only the token tells the speaker apart anyway.
		jar=$(mktemp)
		link=$(curl -s -o /dev/null -m 10 -c "$jar" -b "$jar" -w '%{http_code}' "$room_ui/dashboard?speaker=$token" || true)
		[ "$link" = "302" ] && grep -q faultline-speaker "$jar" && pass "the speaker's link sets the cookie (302)" \
			|| failed "the speaker's link answered $link"
		answer=$(control "$jar" "$room_ui" POST /chaos/outage)
		[ "$answer" = "200" ] && pass "the speaker's chaos button: 200" \
			|| failed "the speaker's chaos button answered $answer: $(cat "$jar.body" 2>/dev/null)"
		grep -q '"fault" : "down"' <<<"$(body "$control/chaos" -H "X-Chaos-Token: $token")" \
			&& pass "the UI passed the token on: outage is active" || failed "outage is not active after the speaker's button"
		answer=$(control "$jar" "$room_ui" POST /chaos/off)
		[ "$answer" = "200" ] && pass "the speaker's off: 200" || failed "the speaker's off answered $answer"
		rm -f "$jar" "$jar.body"
	else
		failed "backends and ui-1 not ready within ${start_wait}s with FAULTLINE_SPEAKER_TOKEN set"
	fi
else
	absent "the speaker token (no room to test from)"
fi

phase "result"
printf 'failures=%s missing=%s total=%ss\n' "$failures" "$missing" "$SECONDS"
if [ "$failures" -gt 0 ]; then
	exit 1
fi
if [ "$missing" -gt 0 ] && [ -z "${SMOKE_ALLOW_MISSING:-}" ]; then
	echo "features missing (set SMOKE_ALLOW_MISSING=1 to accept that while they are being built)"
	exit 1
fi
echo "compose smoke test passed"
