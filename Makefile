# The two commands a new user needs: `make run` and `make test`.
# Both install what they need first (scripts/setup.sh).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
BOOK  ?= out/demo.jfb

.PHONY: run test setup bench clean

## Build the CLI, build the demo village (青溪村) into out/demo.jfb, show its
## ranking and print its 2025Q1 notice and a household statement to out/.
run: setup
	$(CARGO) build --locked -p jifenbu-cli
	bash fixtures/demo/build.sh target/debug/jifenbu $(BOOK)
	./target/debug/jifenbu verify $(BOOK)
	./target/debug/jifenbu ranking $(BOOK) --quarter 2025Q4
	./target/debug/jifenbu notice $(BOOK) --quarter 2025Q1 -o out/notice-2025Q1.pdf
	./target/debug/jifenbu statement $(BOOK) --household 04017 --year 2025 -o out/statement-04017-2025.pdf

## Everything CI runs: format, lints, unit, property, golden, CLI and crash tests.
test: setup
	mkdir -p out
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	$(CARGO) test --locked --workspace 2>&1 | tee out/test.log
	@awk '/^test result:/ {p += $$4; f += $$6} END {printf "%d passed, %d failed\n", p, f}' out/test.log

## Speed figures against the peers, written to docs/benchmarks.md.
bench: setup
	bash scripts/bench-book.sh
	bash scripts/bench-rollup.sh
	bash scripts/bench-notice.sh

setup:
	bash scripts/setup.sh

clean:
	rm -rf out
