/// A routing rule: requests matching ``match`` go to ``target``, with ``fallbacks`` tried in order on
/// retryable failures or a retired model.
///
/// Codable; in TOML:
/// ```toml
/// [[routes]]
/// name = "acme-support"
/// target = "openai:ft:gpt-4o-mini-2024-07-18:acme:support:abc123"
/// fallbacks = ["openai:gpt-4o-mini", "anthropic:claude-haiku-4-5"]
/// match = { tenant = "acme", persona = "support", userAttributes = { segment = "premium" } }
/// ```
public struct Route: Sendable, Hashable, Codable {
    /// The route's name (also usable as a model name: `--model acme-support`).
    public var name: String
    /// When the route applies.
    public var match: RouteMatch
    /// The model to use.
    public var target: ModelTarget
    /// Models tried next, in order.
    public var fallbacks: [ModelTarget]

    /// Creates a route.
    public init(name: String, match: RouteMatch = RouteMatch(), target: ModelTarget, fallbacks: [ModelTarget] = []) {
        self.name = name
        self.match = match
        self.target = target
        self.fallbacks = fallbacks
    }

    private enum CodingKeys: String, CodingKey { case name, match, target, fallbacks }

    /// Decodes; `match` and `fallbacks` may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        match = try container.decodeIfPresent(RouteMatch.self, forKey: .match) ?? RouteMatch()
        target = try container.decode(ModelTarget.self, forKey: .target)
        fallbacks = try container.decodeIfPresent([ModelTarget].self, forKey: .fallbacks) ?? []
    }
}

/// The conditions of a route; every given condition must hold. An empty match applies to everything.
public struct RouteMatch: Sendable, Hashable, Codable {
    /// The tenant id, if the route is for one tenant.
    public var tenant: String?
    /// User attributes (segment, plan, locale…) that must all have these values.
    public var userAttributes: [String: String]
    /// The persona or task (for example `"support"`, `"summarize"`).
    public var persona: String?

    /// Creates a match.
    public init(tenant: String? = nil, userAttributes: [String: String] = [:], persona: String? = nil) {
        self.tenant = tenant
        self.userAttributes = userAttributes
        self.persona = persona
    }

    private enum CodingKeys: String, CodingKey { case tenant, userAttributes, persona }

    /// Decodes; every field may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        userAttributes = try container.decodeIfPresent([String: String].self, forKey: .userAttributes) ?? [:]
        persona = try container.decodeIfPresent(String.self, forKey: .persona)
    }

    /// How many conditions the match has (its specificity).
    public var conditionCount: Int {
        (tenant == nil ? 0 : 1) + userAttributes.count + (persona == nil ? 0 : 1)
    }
}
