import MnemeProviders

extension EngineConfiguration {
    /// One line per provider that has what it needs, naming where the key comes from, never its value:
    /// `openai: key set, base https://api.openai.com/v1`.
    public var providerSummary: [String] {
        let environment = ProviderEnvironment(environment)
        var lines: [String] = []
        if environment.openAIKey != nil {
            lines.append("openai: key set, base \(environment.openAIBaseURL ?? "https://api.openai.com/v1")")
        }
        if environment.anthropicKey != nil || environment.anthropicAuthToken != nil {
            let style = environment.anthropicKey != nil ? "API key" : "auth token"
            lines.append(
                "anthropic: \(style) set, base \(environment.anthropicBaseURL ?? "https://api.anthropic.com"), "
                    + "version \(environment.anthropicVersion ?? "2023-06-01")")
        }
        if environment.geminiKey != nil {
            lines.append(
                "gemini: key set, base \(environment.geminiBaseURL ?? "https://generativelanguage.googleapis.com")")
        }
        if let project = environment.vertexProject {
            let token = environment.vertexAccessToken != nil ? "access token set" : "token from gcloud"
            lines.append(
                "vertex: project \(project), location \(environment.vertexLocation ?? "us-central1"), \(token)")
        }
        if let host = environment.ollamaHost { lines.append("ollama: \(host)") }
        if let base = environment.compatibleBaseURL {
            lines.append("openai-compatible: \(base)\(environment.compatibleKey != nil ? ", key set" : "")")
        }
        lines.append("offline: always available")
        return lines
    }
}
