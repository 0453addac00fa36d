# Mapwright. `make run` opens the editor on a sample map; `make test` runs every test.
# Both install what a fresh Debian machine lacks first (scripts/install-deps.sh).
GO      ?= go
SAMPLE  ?= samples/tea-shop.owm
# Every binary says which version and commit it is (internal/buildinfo, scripts/stamp.sh).
STAMP    = $(shell ./scripts/stamp.sh)

.PHONY: deps run test unit smoke vet cross bench bench-smoke editor-perf fuzz build cli editor docs \
	package test-arm64 release test-windows test-install user-install user-uninstall

deps:
	@./scripts/install-deps.sh

build: cli editor

cli:
	CGO_ENABLED=0 $(GO) build -ldflags "$(STAMP)" -o bin/mapwright ./cmd/mapwright

editor: deps
	$(GO) build -ldflags "$(STAMP)" -o bin/mapwright-editor ./cmd/mapwright-editor

run: deps editor
	./bin/mapwright-editor $(SAMPLE)

# Linters at pinned versions, fetched and built by `go run` through the module proxy (cached
# after the first run), so a fresh CI machine needs nothing installed beforehand.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
DEADCODE    ?= golang.org/x/tools/cmd/deadcode@v0.53.0

# gofmt, go.mod tidy, go vet, staticcheck, and deadcode (no function unreachable from the
# commands and the tests; a helper only tests use belongs in a _test.go file or a test package).
vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@out="$$($(GO) run $(DEADCODE) -test ./...)" && test -z "$$out" || { echo "deadcode: unreachable functions:"; echo "$$out"; exit 1; }

unit:
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -tags firstframe -run TestOnFirstFrame ./ui

# The three drive one editor binary, built once.
smoke: deps
	$(GO) build -o bin/smoke/mapwright-editor ./cmd/mapwright-editor
	EDITOR_BIN=bin/smoke/mapwright-editor ./scripts/editor-smoke.sh
	EDITOR_BIN=bin/smoke/mapwright-editor ./scripts/editor-draw.sh
	EDITOR_BIN=bin/smoke/mapwright-editor ./scripts/editor-present.sh

test: deps vet cross smoke bench-smoke unit test-arm64 test-install test-windows

# macOS and Windows: go vet and build every package that builds without cgo (all but the
# editor's), so no Linux-only call slips in. The editor itself: make package on a Mac (README),
# make release for Windows.
cross:
	./scripts/cross.sh

# The command-line test suite (and the pure-Go packages' tests) as Windows programs under Wine:
# backslash paths, drive letters, CRLF maps, replacing a file that another program holds open.
test-windows: deps
	./scripts/test-windows.sh

# The Linux installer (packaging/linux/install.sh) into a scratch home: files, menu entry, the
# text/x-owm file type and its default application.
test-install:
	./scripts/test-install.sh

# Install the editor for you alone (~/.local): program, icon, menu entry and the .owm file type,
# so a double-click on a map opens it. From the bundle `make package` makes, as a user would.
user-install: package
	@d=$$(mktemp -d) && tar -xJf dist/Mapwright.tar.xz -C "$$d" && "$$d"/*/install.sh; s=$$?; rm -rf "$$d"; exit $$s

user-uninstall:
	./packaging/linux/install.sh --uninstall

# dist/: the command line for five platforms, the editor for Linux and Windows, SHA256SUMS.
release: deps
	./scripts/release.sh

# Output the same on amd64 and arm64 (part of make test). First no multiply-add of this module
# may be fused on arm64 anywhere in cmd/mapwright, which links every output path
# (scripts/fma-check.sh); then the goldens are built for arm64 and run under qemu-user emulation
# (Debian's qemu-user-static), where they must match the files amd64 wrote: the render goldens
# (Scene JSON and SVG of the test maps and the pinned corpus maps), the PNG and PDF fingerprints
# (the SHA-256 of 70 files each), the diff overlays (internal/mapdiff, TestOverlayGolden) and the
# history trails (internal/history, TestDrawGolden). 15-23 s warm at load 7 on 2 cores; the
# overlays and trails add no measurable time (they run beside the PNG fingerprints).
test-arm64:
	./scripts/fma-check.sh
	GOARCH=arm64 CGO_ENABLED=0 $(GO) test -count=1 -exec qemu-aarch64-static -run 'Golden|Fingerprints' \
		./render ./render/raster ./render/pdf ./internal/mapdiff ./internal/history

# The benchmark suite (internal/benchsuite and every package's benchmarks): docs/performance.md.
bench:
	./scripts/bench.sh

# Every benchmark once, so the suite cannot rot (part of make test).
bench-smoke:
	./scripts/bench.sh --smoke

# The editor's responsiveness under Xvfb, read from the screen's pixels (keystroke to screen,
# drag frames) on the tea shop and 500- and 2,000-component maps: docs/performance.md. About
# five minutes; not part of make test.
editor-perf: deps
	./scripts/editor-perf.sh

# The Linux desktop bundle (dist/Mapwright.tar.xz) built with the fyne tool, and checked.
# On a Mac: dist/Mapwright.app (README).
package: deps
	./scripts/package.sh

docs:
	$(GO) run ./internal/docsgen/cmd/docsgen

# Every fuzz target for FUZZTIME each (their seed corpora already run in `make test`).
fuzz:
	./scripts/fuzz.sh
