# Follow-Up Playbook: the commands the README promises. `make test` is what CI runs.

STATICCHECK_VERSION := v0.8.2
BIN := $(CURDIR)/.bin
STATICCHECK := $(BIN)/staticcheck-$(STATICCHECK_VERSION)
GO ?= go

.PHONY: test check fmtcheck tidycheck vet staticcheck gotest shorttest nodetest build serve clean qadeps qa

## test: everything CI checks: formatting, go mod tidy, go vet, staticcheck, Go tests with
## -race (the HTML, link and axe-core gates among them), Node tests, and the Lighthouse gate
test: fmtcheck tidycheck vet staticcheck qadeps gotest nodetest qa

## check: the everyday loop, under a minute: formatting, go vet, the Go tests with -short
## (the browser, quality-gate, load and kill tests skip) and the Node tests
check: fmtcheck vet shorttest nodetest

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

tidycheck:
	@$(GO) mod tidy -diff || { echo "go.mod or go.sum is not tidy: run go mod tidy"; exit 1; }

vet:
	$(GO) vet ./...

$(STATICCHECK):
	@mkdir -p $(BIN)
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	mv $(BIN)/staticcheck $(STATICCHECK)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

gotest:
	$(GO) test -race -count=1 -timeout 40m ./...

shorttest:
	$(GO) test -short ./...

# Node's test runner finds *.test.mjs under static/js and runs them with the machine's node.
nodetest:
	@if ls static/js/*.test.mjs >/dev/null 2>&1; then \
		if command -v node >/dev/null 2>&1; then node --test static/js/; \
		elif [ -n "$$PLAYBOOK_REQUIRE_NODE" ]; then echo "node not found and PLAYBOOK_REQUIRE_NODE is set"; exit 1; \
		else echo "SKIPPED NODE TESTS: node not found (install nodejs)"; fi; \
	fi

## build: build the site in this folder into public/
build:
	$(GO) run ./cmd/playbook build

## serve: preview the site with live reload
serve:
	$(GO) run ./cmd/playbook serve

clean:
	rm -rf public $(BIN)

## bench: time `playbook build` against the goldmark floor at 1,000, 10,000 and 30,000 pages
## (pages/s, ms/page, bytes, peak memory, floor ratio) and the default site's build; see docs/performance.md
.PHONY: bench
bench:
	$(GO) run ./scripts/bench $(BENCHFLAGS)

# The quality gates' pinned Node packages (vnu-jar, axe-core, IBM's Equal Access engine, the
# virtual screen reader, lighthouse), from qa/package-lock.json.
QA_PACKAGES := lighthouse axe-core vnu-jar accessibility-checker-engine @guidepup/virtual-screen-reader
qadeps:
	@if $(foreach p,$(QA_PACKAGES),[ -d qa/node_modules/$(p) ] &&) true; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix qa --no-audit --no-fund; \
	elif [ -n "$$PLAYBOOK_REQUIRE_BROWSER" ]; then echo "npm not found and PLAYBOOK_REQUIRE_BROWSER is set"; exit 1; \
	else echo "SKIPPED QA PACKAGES: npm not found (install nodejs); the quality gates will skip"; fi

QA_SITE := $(BIN)/qa-site
QA_BASE := /careers/playbook/

## qa: Lighthouse scores of the home page, a template page and the calculator of the
## minified site built under a sub-path; fails below 95 (LIGHTHOUSE_MIN)
qa: qadeps
	@if ! command -v node >/dev/null 2>&1 || [ ! -d qa/node_modules/lighthouse ]; then \
		if [ -n "$$PLAYBOOK_REQUIRE_BROWSER" ]; then echo "node or qa/node_modules missing and PLAYBOOK_REQUIRE_BROWSER is set"; exit 1; fi; \
		echo "SKIPPED LIGHTHOUSE: node or qa/node_modules missing"; exit 0; fi; \
	mkdir -p $(BIN) && rm -rf $(QA_SITE) && \
	$(GO) run ./cmd/playbook build --minify -b http://127.0.0.1$(QA_BASE) -d $(QA_SITE) && \
	CHROME_PATH=$${CHROME_PATH:-$$(command -v chromium || echo /usr/bin/chromium)} node qa/lighthouse.mjs $(QA_SITE) $(QA_BASE)

## fuzz: run every fuzz target (func FuzzXxx in *_fuzz_test.go) for FUZZTIME each (default 20s),
## printing its executions; a failing input is saved in the package's testdata/fuzz/FuzzXxx/
FUZZTIME ?= 20s
.PHONY: fuzz
fuzz:
	@set -e; log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for f in $$(find . -name '*_fuzz_test.go' -not -path './.bin/*' | sort); do \
		dir=$$(dirname $$f); \
		for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			if $(GO) test $$dir -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) >$$log 2>&1; then \
				n=$$(grep -o 'execs: [0-9]*' $$log | tail -1 | cut -d' ' -f2); \
				echo "$$dir $$t: $${n:-0} executions in $(FUZZTIME)"; \
			else cat $$log; echo "$$dir $$t: FAILED"; exit 1; fi; \
		done; \
	done
