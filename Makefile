# Mapwright. `make run` opens the editor on a sample map; `make test` runs every test.
# Both install what a fresh Debian machine lacks first (scripts/install-deps.sh).
GO      ?= go
SAMPLE  ?= samples/tea-shop.owm

.PHONY: deps run test unit smoke vet bench bench-smoke fuzz build cli editor docs package

deps:
	@./scripts/install-deps.sh

build: cli editor

cli:
	CGO_ENABLED=0 $(GO) build -o bin/mapwright ./cmd/mapwright

editor: deps
	$(GO) build -o bin/mapwright-editor ./cmd/mapwright-editor

run: deps editor
	./bin/mapwright-editor $(SAMPLE)

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

unit:
	$(GO) test -count=1 ./...

smoke: deps
	./scripts/editor-smoke.sh

test: deps vet smoke bench-smoke unit

# The benchmark suite (internal/benchsuite and every package's benchmarks): docs/performance.md.
bench:
	./scripts/bench.sh

# Every benchmark once, so the suite cannot rot (part of make test).
bench-smoke:
	./scripts/bench.sh --smoke

# The Linux desktop bundle (dist/Mapwright.tar.xz) built with the fyne tool, and checked.
package: deps
	./scripts/package.sh

docs:
	$(GO) run ./internal/docsgen/cmd/docsgen

# Every fuzz target for FUZZTIME each (their seed corpora already run in `make test`).
fuzz:
	./scripts/fuzz.sh
