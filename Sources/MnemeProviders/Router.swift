/// Picks the route of a turn. Pure: values in, a decision with its reason out.
///
/// Order of precedence:
/// 1. an explicit request: a route name, or a `provider:model` target;
/// 2. the matching route with the most conditions (ties: the one listed first);
/// 3. the default target (typically what ``ProviderFactory`` chose from the environment).
///
/// ```swift
/// let router = Router(routes: routes, defaultTarget: ModelTarget(provider: "offline", model: "offline"))
/// let decision = try router.decide(RoutingContext(tenant: "acme", userAttributes: ["segment": "premium"]))
/// print(decision.reason)  // route 'acme-premium' matched tenant=acme, segment=premium
/// ```
public struct Router: Sendable {
    /// The configured routes, in config order.
    public var routes: [Route]
    /// Used when no route matches.
    public var defaultTarget: ModelTarget

    /// Creates a router.
    public init(routes: [Route], defaultTarget: ModelTarget) {
        self.routes = routes
        self.defaultTarget = defaultTarget
    }

    /// Decides the route for `context`.
    ///
    /// - Throws: ``ProviderError`` (`.configuration`) if the explicitly requested model is neither a
    ///   route name nor `provider:model`.
    public func decide(_ context: RoutingContext) throws(ProviderError) -> RouteDecision {
        if let requested = context.requestedModel?.trimmingWhitespace(), !requested.isEmpty {
            if let route = routes.first(where: { $0.name == requested }) {
                return RouteDecision(
                    route: route.name, target: route.target, fallbacks: route.fallbacks,
                    reason: "route '\(route.name)' requested explicitly")
            }
            let target = try ModelTarget(parsing: requested)
            return RouteDecision(
                route: nil, target: target, fallbacks: [], reason: "model \(target) requested explicitly")
        }
        var best: (route: Route, score: Int)?
        for route in routes where Self.matches(route.match, context) {
            let score = route.match.conditionCount
            if best == nil || score > best!.score { best = (route, score) }
        }
        if let best {
            let conditions = Self.describe(best.route.match)
            let reason =
                conditions.isEmpty
                ? "route '\(best.route.name)' applies to every request"
                : "route '\(best.route.name)' matched \(conditions)"
            return RouteDecision(
                route: best.route.name, target: best.route.target, fallbacks: best.route.fallbacks, reason: reason)
        }
        return RouteDecision(
            route: nil, target: defaultTarget, fallbacks: [], reason: "no route matched; default \(defaultTarget)")
    }

    static func matches(_ match: RouteMatch, _ context: RoutingContext) -> Bool {
        if let tenant = match.tenant, tenant != context.tenant { return false }
        if let persona = match.persona, persona != context.persona { return false }
        for (key, value) in match.userAttributes where context.userAttributes[key] != value { return false }
        return true
    }

    static func describe(_ match: RouteMatch) -> String {
        var parts: [String] = []
        if let tenant = match.tenant { parts.append("tenant=\(tenant)") }
        for key in match.userAttributes.keys.sorted() { parts.append("\(key)=\(match.userAttributes[key]!)") }
        if let persona = match.persona { parts.append("persona=\(persona)") }
        return parts.joined(separator: ", ")
    }
}

/// What the router knows about a turn.
public struct RoutingContext: Sendable, Hashable {
    /// The tenant id.
    public var tenant: String?
    /// The user's attributes (segment, plan, …).
    public var userAttributes: [String: String]
    /// The persona or task.
    public var persona: String?
    /// An explicit choice: a route name or `provider:model` (`--model`, API `model` field).
    public var requestedModel: String?

    /// Creates a context.
    public init(
        tenant: String? = nil, userAttributes: [String: String] = [:], persona: String? = nil,
        requestedModel: String? = nil
    ) {
        self.tenant = tenant
        self.userAttributes = userAttributes
        self.persona = persona
        self.requestedModel = requestedModel
    }
}

/// The router's choice, recorded in the turn's trace.
public struct RouteDecision: Sendable, Hashable, Codable {
    /// The route's name, or `nil` for an explicit model or the default.
    public var route: String?
    /// The model to call first.
    public var target: ModelTarget
    /// The models to try next.
    public var fallbacks: [ModelTarget]
    /// Why, in words.
    public var reason: String

    /// Creates a decision.
    public init(route: String?, target: ModelTarget, fallbacks: [ModelTarget], reason: String) {
        self.route = route
        self.target = target
        self.fallbacks = fallbacks
        self.reason = reason
    }
}
