# The two commands a new user needs: `make run` and `make test`.
# Both install what they need first (scripts/setup.sh).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
BOOK  ?= out/demo.jfb
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?= 1200
SOAK_KILLS ?= 1000

.PHONY: run test setup ui deb deb-check windows wine-test bench fuzz soak clean

## Build the demo village (青溪村) into out/demo.jfb, print its 2025Q1 notice
## and a household statement to out/, and open the app on it (on a virtual
## display, with a screenshot, where there is no display).
run: setup ui
	$(CARGO) build --locked -p jifenbu-cli -p jifenbu-app
	bash fixtures/demo/build.sh target/debug/jifenbu $(BOOK)
	./target/debug/jifenbu verify $(BOOK)
	./target/debug/jifenbu ranking $(BOOK) --quarter 2025Q4
	./target/debug/jifenbu notice $(BOOK) --quarter 2025Q1 -o out/notice-2025Q1.pdf
	./target/debug/jifenbu statement $(BOOK) --household 04017 --year 2025 -o out/statement-04017-2025.pdf
	bash scripts/run-app.sh target/debug/jifenbu-app $(BOOK)

## Everything CI runs: front-end checks and unit tests, then format, lints
## (also of the Windows build's own code), unit, property, golden, CLI,
## crash, kept-fuzz-input and end-to-end (real window) tests, side by side
## (cargo-nextest; .config/nextest.toml).
test: setup ui
	mkdir -p out
	cd ui && NO_COLOR=1 npx vitest run 2>&1 | tee ../out/vitest.log
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) clippy --locked --target x86_64-pc-windows-gnu -p jifenbu-cli -p jifenbu-app -- -D warnings
	$(CARGO) nextest run --locked --workspace 2>&1 | tee out/test.log
	@awk '/^ +Summary / || /^ +Tests / {for (i = 2; i < NF; i++) {if ($$(i+1) ~ /^passed/) p += $$i; if ($$(i+1) ~ /^failed/) f += $$i}} END {printf "%d passed, %d failed\n", p, f}' out/test.log out/vitest.log

## The front end, type-checked and built into ui/dist (the app embeds it).
ui:
	cd ui && npm run build

## The installable Debian package (target/dist/bundle/deb/, 19 MB), built
## with the dist profile. The Tauri CLI is fetched by npx, pinned: only
## packaging needs it.
deb: setup ui
	$(CARGO) build --profile dist --locked -p jifenbu-cli
	npx --yes @tauri-apps/cli@2.12.5 build --bundles deb -- --profile dist

## The package as a user gets it, checked by hand before a release (not in
## CI): build it, install it here, run its command line on the demo village
## and open its window once (on Xvfb where there is no display).
deb-check: deb
	apt-get install -y --reinstall ./target/dist/bundle/deb/*.deb
	jifenbu --help | head -3
	dir=$$(mktemp -d) && jifenbu demo $$dir/demo.jfb && jifenbu verify $$dir/demo.jfb \
	  && bash scripts/run-app.sh "$$(command -v jifenbu-app)" $$dir/demo.jfb

## The Windows x64 installer and portable zip (target/windows/), cross-built
## here with MinGW-w64 and NSIS (docs/windows.md). A release step, not in CI.
windows: setup ui
	bash scripts/windows.sh

## The command-line tests, and the installer's, against the Windows build
## under Wine (docs/windows.md lists what only a real PC can show).
wine-test: windows
	bash scripts/wine-test.sh

## Speed figures against the peers, written to docs/benchmarks.md.
bench: setup
	bash scripts/bench-book.sh
	bash scripts/bench-rollup.sh
	bash scripts/bench-notice.sh
	bash scripts/bench-year.sh
	bash scripts/bench-app.sh
	bash scripts/bench-photo.sh

## SIGKILL at random moments of an import, a publication, a backup and an
## objection ruling, SOAK_KILLS times in all; the book must verify and hold
## none or all of the work every time.
soak: setup
	JIFENBU_SOAK_KILLS=$(SOAK_KILLS) $(CARGO) test --locked -p jifenbu-cli --test crash -- --ignored --nocapture

## Every fuzz target for FUZZ_RUNS executions or FUZZ_SECONDS, whichever
## ends first; new finds join the committed corpora (src-tauri/fuzz/corpus).
fuzz: setup
	bash scripts/fuzz.sh long $(FUZZ_RUNS) $(FUZZ_SECONDS)

setup:
	bash scripts/setup.sh

clean:
	rm -rf out
