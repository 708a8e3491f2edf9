public import Foundation

/// A route a tenant registered (typically from a succeeded tuning job): requests of the tenant
/// that match go to ``target``, with ``fallbacks`` tried next. Targets are `provider:model`
/// strings; the engine parses them.
public struct RegisteredRouteRecord: Hashable, Sendable, Codable {
    public let id: Int64
    /// The route's name (unique per tenant; also usable as `--model NAME`).
    public let name: String
    /// `provider:model`, for example `openai:ft:gpt-4o-mini-2024-07-18:acme:support:abc123`.
    public let target: String
    /// `provider:model` targets tried next, in order.
    public let fallbacks: [String]
    /// The persona the route is limited to, if any.
    public let persona: String?
    /// User attributes that must all match, if any.
    public let userAttributes: [String: String]
    /// The tuning job that produced the target, if any.
    public let tuningJobID: Int64?
    public let createdAt: Date
}

/// A route to register with ``Store/registerRoute(_:tenantID:)``.
public struct NewRegisteredRoute: Sendable {
    public var name: String
    public var target: String
    public var fallbacks: [String]
    public var persona: String?
    public var userAttributes: [String: String]
    public var tuningJobID: Int64?

    /// Creates a route to register.
    public init(
        name: String, target: String, fallbacks: [String] = [], persona: String? = nil,
        userAttributes: [String: String] = [:], tuningJobID: Int64? = nil
    ) {
        self.name = name
        self.target = target
        self.fallbacks = fallbacks
        self.persona = persona
        self.userAttributes = userAttributes
        self.tuningJobID = tuningJobID
    }
}
