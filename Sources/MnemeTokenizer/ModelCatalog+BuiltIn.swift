extension ModelCatalog {
    /// The models Mneme knows out of the box (context windows and output limits as published by the
    /// providers, late 2025). Local models list their trained context; the effective window is whatever
    /// the server runs with (Ollama's `num_ctx`, llama.cpp's `-c`): register an override if it is smaller.
    public static let builtIn: ModelCatalog = {
        var catalog = ModelCatalog()
        let openAIFineTune: Set<FineTuningPlatform> = [.openAI, .azureOpenAI]
        func openAI(
            _ id: String, _ window: Int, _ output: Int, _ encoding: EncodingName = .o200kBase,
            fineTuning: Set<FineTuningPlatform> = [], format: ChatFormat = .openAIChat, aliases: [String] = []
        ) {
            catalog.register(
                ModelInfo(
                    id: id, provider: .openAI, contextWindow: window, maxOutputTokens: output,
                    tokenizer: .openAI(encoding), fineTuning: fineTuning, chatFormat: format),
                aliases: aliases)
        }
        openAI("gpt-4o", 128_000, 16_384, fineTuning: openAIFineTune, aliases: ["chatgpt-4o-latest"])
        openAI("gpt-4o-2024-05-13", 128_000, 4_096)
        openAI("gpt-4o-mini", 128_000, 16_384, fineTuning: openAIFineTune)
        openAI("gpt-4.1", 1_047_576, 32_768, fineTuning: openAIFineTune)
        openAI("gpt-4.1-mini", 1_047_576, 32_768, fineTuning: openAIFineTune)
        openAI("gpt-4.1-nano", 1_047_576, 32_768, fineTuning: openAIFineTune)
        openAI("gpt-4.5-preview", 128_000, 16_384)
        openAI("gpt-5", 400_000, 128_000)
        openAI("gpt-5-mini", 400_000, 128_000)
        openAI("gpt-5-nano", 400_000, 128_000)
        openAI("o1", 200_000, 100_000, aliases: ["o1-pro"])
        openAI("o1-mini", 128_000, 65_536)
        openAI("o1-preview", 128_000, 32_768)
        openAI("o3", 200_000, 100_000, aliases: ["o3-pro"])
        openAI("o3-mini", 200_000, 100_000)
        openAI("o4-mini", 200_000, 100_000, fineTuning: [.openAI])  // reinforcement fine-tuning
        openAI("gpt-4-turbo", 128_000, 4_096, .cl100kBase, aliases: ["gpt-4-1106-preview", "gpt-4-0125-preview"])
        openAI("gpt-4", 8_192, 8_192, .cl100kBase)
        openAI("gpt-4-32k", 32_768, 32_768, .cl100kBase)
        openAI("gpt-3.5-turbo", 16_385, 4_096, .cl100kBase, fineTuning: openAIFineTune)
        openAI("gpt-3.5-turbo-0301", 4_096, 4_096, .cl100kBase, format: .openAILegacy0301)
        openAI("gpt-3.5-turbo-instruct", 4_096, 4_096, .cl100kBase)
        openAI("text-embedding-3-small", 8_191, 0, .cl100kBase)
        openAI("text-embedding-3-large", 8_191, 0, .cl100kBase)
        openAI("text-embedding-ada-002", 8_191, 0, .cl100kBase)

        func claude(_ id: String, _ output: Int, fineTuning: Set<FineTuningPlatform> = [], aliases: [String] = []) {
            catalog.register(
                ModelInfo(
                    id: id, provider: .anthropic, contextWindow: 200_000, maxOutputTokens: output, tokenizer: .claude,
                    fineTuning: fineTuning),
                aliases: aliases)
        }
        claude("claude-3-haiku", 4_096, fineTuning: [.bedrock])
        claude("claude-3-sonnet", 4_096)
        claude("claude-3-opus", 4_096)
        claude("claude-3-5-sonnet", 8_192)
        claude("claude-3-5-haiku", 8_192)
        claude("claude-3-7-sonnet", 64_000)
        claude("claude-sonnet-4", 64_000, aliases: ["claude-4-sonnet"])
        claude("claude-opus-4", 32_000, aliases: ["claude-4-opus"])
        claude("claude-opus-4-1", 32_000)
        claude("claude-sonnet-4-5", 64_000)
        claude("claude-haiku-4-5", 64_000)
        claude("claude-opus-4-5", 64_000)

        func gemini(_ id: String, _ window: Int, _ output: Int, tunable: Bool = true) {
            catalog.register(
                ModelInfo(
                    id: id, provider: .google, contextWindow: window, maxOutputTokens: output, tokenizer: .gemini,
                    fineTuning: tunable ? [.vertexAI] : []))
        }
        gemini("gemini-1.5-pro", 2_097_152, 8_192)
        gemini("gemini-1.5-flash", 1_048_576, 8_192)
        gemini("gemini-1.5-flash-8b", 1_048_576, 8_192, tunable: false)
        gemini("gemini-2.0-flash", 1_048_576, 8_192)
        gemini("gemini-2.0-flash-lite", 1_048_576, 8_192)
        gemini("gemini-2.5-pro", 1_048_576, 65_536)
        gemini("gemini-2.5-flash", 1_048_576, 65_536)
        gemini("gemini-2.5-flash-lite", 1_048_576, 65_536)

        func local(_ id: String, _ window: Int, aliases: [String] = []) {
            catalog.register(
                ModelInfo(
                    id: id, provider: .local, contextWindow: window, maxOutputTokens: window, tokenizer: .local,
                    fineTuning: [.local]),
                aliases: aliases)
        }
        local("llama2", 4_096, aliases: ["llama-2", "meta-llama-2"])
        local("llama3", 8_192, aliases: ["llama-3", "meta-llama-3"])
        local("llama3.1", 131_072, aliases: ["llama-3.1", "meta-llama-3.1"])
        local("llama3.2", 131_072, aliases: ["llama-3.2", "meta-llama-3.2"])
        local("llama3.3", 131_072, aliases: ["llama-3.3", "meta-llama-3.3"])
        local("mistral", 32_768, aliases: ["mistral-7b"])
        local("mistral-nemo", 131_072)
        local("mixtral", 32_768)
        local("qwen2", 32_768)
        local("qwen2.5", 32_768)
        local("qwen2.5-coder", 32_768)
        local("qwen3", 40_960)
        local("gemma", 8_192)
        local("gemma2", 8_192, aliases: ["gemma-2"])
        local("gemma3", 131_072, aliases: ["gemma-3"])
        local("phi3", 4_096, aliases: ["phi-3"])
        local("phi4", 16_384, aliases: ["phi-4"])
        local("deepseek-r1", 131_072)
        local("deepseek-coder-v2", 163_840)
        local("gpt-oss", 131_072)
        return catalog
    }()
}
