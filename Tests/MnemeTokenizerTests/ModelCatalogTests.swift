import Testing

@testable import MnemeTokenizer

@Suite("model catalog")
struct ModelCatalogTests {
    let catalog = ModelCatalog.builtIn

    @Test func exactAndDatedSnapshots() {
        #expect(catalog.resolve("gpt-4o").match == .exact)
        let dated = catalog.resolve("gpt-4o-2024-08-06")
        #expect(dated.info.id == "gpt-4o")
        #expect(dated.match == .prefix("gpt-4o"))
        #expect(dated.info.maxOutputTokens == 16_384)
        #expect(catalog.info(for: "gpt-4o-2024-05-13").maxOutputTokens == 4_096)
        #expect(catalog.info(for: "gpt-4o-mini-2024-07-18").id == "gpt-4o-mini")
        #expect(catalog.info(for: "claude-3-5-sonnet-20241022").id == "claude-3-5-sonnet")
        #expect(catalog.info(for: "claude-opus-4-1-20250805").id == "claude-opus-4-1")
        #expect(catalog.info(for: "claude-opus-4-20250514").id == "claude-opus-4")
        #expect(catalog.info(for: "gemini-1.5-pro-002").contextWindow == 2_097_152)
        #expect(catalog.info(for: "gemini-2.5-flash-lite").id == "gemini-2.5-flash-lite")
        #expect(catalog.info(for: "gpt-4.1-mini-2025-04-14").contextWindow == 1_047_576)
        #expect(catalog.info(for: "gpt-3.5-turbo-0125").tokenizer == .openAI(.cl100kBase))
        #expect(catalog.info(for: "o3-mini-2025-01-31").id == "o3-mini")
    }

    @Test func prefixNeedsABoundary() {
        // "gpt-4" must not swallow "gpt-4o-…" or an unknown "gpt-4.7".
        #expect(catalog.info(for: "gpt-4o-audio-preview").id == "gpt-4o")
        #expect(catalog.resolve("gpt-4.7").match == .unknown)
        #expect(catalog.resolve("o1x").match == .unknown)
    }

    @Test func routingPrefixesAndLocalNames() {
        #expect(catalog.info(for: "openai/gpt-4o").id == "gpt-4o")
        #expect(catalog.info(for: "models/gemini-2.0-flash-001").id == "gemini-2.0-flash")
        #expect(catalog.info(for: "us.anthropic.claude-3-5-sonnet-20241022-v2:0").id == "claude-3-5-sonnet")
        #expect(catalog.info(for: "  GPT-4O  ").id == "gpt-4o")
        #expect(catalog.info(for: "llama3.1:8b-instruct-q4_K_M").contextWindow == 131_072)
        #expect(catalog.info(for: "qwen2.5-coder:7b").id == "qwen2.5-coder")
        #expect(catalog.info(for: "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf").contextWindow == 131_072)
        #expect(catalog.info(for: "gemma-2-9b-it-Q5_K_M.gguf").id == "gemma2")
        #expect(catalog.info(for: "llama3").contextWindow == 8_192)
    }

    @Test func fineTunedOpenAIIdsResolveToTheirBase() {
        let resolution = catalog.resolve("ft:gpt-4o-mini-2024-07-18:acme-corp:support:9Xyz12")
        #expect(resolution.info.id == "gpt-4o-mini")
        #expect(resolution.match == .fineTuned(base: "gpt-4o-mini-2024-07-18"))
        #expect(resolution.info.fineTuning.contains(.openAI))
        #expect(catalog.resolve("ft:unknown-model:org::id").match == .unknown)
    }

    @Test func vertexEndpointsNeedARegisteredBase() {
        var catalog = catalog
        let endpoint = "projects/my-proj/locations/us-central1/endpoints/1234567890"
        #expect(catalog.resolve(endpoint).match == .unknown)
        catalog.registerTunedEndpoint(endpoint, baseModel: "gemini-2.0-flash-001")
        let resolution = catalog.resolve(endpoint)
        #expect(resolution.info.id == "gemini-2.0-flash")
        #expect(resolution.match == .tunedEndpoint(base: "gemini-2.0-flash-001"))
        #expect(resolution.info.fineTuning.contains(.vertexAI))
    }

    @Test func unknownModelsUseTheConfigurableDefault() {
        var catalog = catalog
        let unknown = catalog.resolve("my-private-model")
        #expect(!unknown.isKnown)
        #expect(unknown.info == ModelCatalog.conservativeDefault)
        catalog.defaultModel.contextWindow = 32_000
        #expect(catalog.info(for: "my-private-model").contextWindow == 32_000)
        for weird in ["", "   ", "ft:", "projects/", ":", "/", "\u{0}", String(repeating: "x", count: 10_000)] {
            #expect(catalog.resolve(weird).info.contextWindow == 32_000)
        }
    }

    @Test func familiesAndFineTuning() {
        #expect(catalog.info(for: "gpt-4o").tokenizer == .openAI(.o200kBase))
        #expect(catalog.info(for: "gpt-4").tokenizer == .openAI(.cl100kBase))
        #expect(catalog.info(for: "claude-3-haiku-20240307").fineTuning == [.bedrock])
        #expect(catalog.info(for: "claude-sonnet-4-5").fineTuning.isEmpty)
        #expect(catalog.info(for: "gemini-2.5-pro").tokenizer == .gemini)
        #expect(catalog.info(for: "mistral:7b").fineTuning == [.local])
        #expect(catalog.info(for: "gpt-3.5-turbo-0301").chatFormat == .openAILegacy0301)
        // Every entry is sane.
        for (key, info) in catalog.entries {
            #expect(info.contextWindow > 0, "\(key)")
            #expect(info.maxOutputTokens <= info.contextWindow, "\(key)")
        }
    }

    @Test func customEntriesAndCodable() throws {
        var catalog = ModelCatalog.builtIn
        catalog.register(
            ModelInfo(
                id: "acme-llm", provider: .local, contextWindow: 65_536, maxOutputTokens: 4_096, tokenizer: .local),
            aliases: ["acme"])
        #expect(catalog.info(for: "acme:latest").id == "acme-llm")
        #expect(catalog.info(for: "acme-llm-v2").contextWindow == 65_536)
    }
}
