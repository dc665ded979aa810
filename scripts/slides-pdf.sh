#!/usr/bin/env bash
# The talk as a PDF: prints slides/index.html?print-pdf (reveal.js's print layout, one 1280x720 page per slide)
# with headless Chromium, then checks that the PDF has exactly as many pages as the deck has slides (<section>);
# exits non-zero when it does not, or when no PDF was written. Offline: the deck and reveal.js are local files.
#
#   scripts/slides-pdf.sh                  # writes slides/faultline.pdf (ignored by git)
#   scripts/slides-pdf.sh /tmp/talk.pdf    # writes it elsewhere
#
# Environment: CHROMIUM (the browser; default: chromium, chromium-browser or google-chrome on the PATH),
# PDF_TIMEOUT_SECONDS (45: the browser is stopped after that and the script fails).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-slides/faultline.pdf}
timeout_seconds=${PDF_TIMEOUT_SECONDS:-45}
deck="$PWD/slides/index.html"

lib_tag='[slides-pdf]'
source scripts/lib.sh

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
	for candidate in chromium chromium-browser google-chrome; do
		if command -v "$candidate" >/dev/null; then
			browser=$candidate
			break
		fi
	done
fi
[ -n "$browser" ] || fail "no Chromium found: install Debian's chromium, or set CHROMIUM to the browser"

case "$out" in
	/*) ;;
	*) out="$PWD/$out" ;;
esac
mkdir -p "$(dirname "$out")"
rm -f "$out"

# A throwaway profile: no first-run state, no lock shared with a browser that is open on the desktop.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# --virtual-time-budget: print after 10 s of the page's virtual time, which runs as fast as the page is idle, so a
# loaded machine changes nothing: reveal.js lays the pages out after load (with ?print-pdf the deck turns its
# animation frames into timers, which headless Chromium runs in virtual time), then the PDF is written. Without it
# Chromium prints at load, before the layout: one page, or a page per slide only half laid out.
url="file://${deck// /%20}?print-pdf"
if ! timeout --kill-after=5 "$timeout_seconds" "$browser" --headless --no-sandbox --disable-gpu \
	--disable-dev-shm-usage --no-first-run --no-default-browser-check --disable-background-networking \
	--disable-component-update --disable-sync --disable-extensions --user-data-dir="$profile" \
	--virtual-time-budget=10000 --no-pdf-header-footer --print-to-pdf="$out" "$url" \
	>"$profile/chromium.log" 2>&1; then
	cat "$profile/chromium.log" >&2
	fail "$browser failed or took longer than ${timeout_seconds} s"
fi
[ -s "$out" ] || { cat "$profile/chromium.log" >&2; fail "no PDF written to $out"; }

# Slides: the <section> elements of the deck. Pages: the PDF's page objects (/Type /Page, not /Pages).
slides=$(grep -o '<section[ >]' "$deck" | wc -l)
pages=$(LC_ALL=C grep -a -o '/Type */Page\([^s]\|$\)' "$out" | wc -l)
if [ "$pages" -ne "$slides" ]; then
	fail "$out has $pages pages, but slides/index.html has $slides slides (a slide taller than 720 px, or a new layout?)"
fi
printf '[slides-pdf] %s: %d pages for %d slides\n' "${out#"$PWD"/}" "$pages" "$slides"
