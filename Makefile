# Mneme: two commands on a fresh Debian/Ubuntu machine with the Swift toolchain.
#   make chat   builds Mneme and runs the demo chatbot (installs missing system packages first)
#   make test   runs the whole test suite (same)

SWIFT ?= swift

.PHONY: chat test deps build lint bench-store

chat: deps
	$(SWIFT) build --product mneme
	.build/debug/mneme chat

test: deps lint
	$(SWIFT) test

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests examples

bench-store: deps
	$(SWIFT) build -c release --product mneme
	.build/release/mneme bench store
