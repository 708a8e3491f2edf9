public import MnemeProviders

/// Turns the model names of an evaluation into clients, through the router: a route name
/// (configured or registered), `provider:model`, or an alias such as `base`/`tuned` for a
/// tuning job's two models.
///
/// Only the route's first target is used (no fallbacks): an evaluation of `tuned` must never be
/// answered by the base model without saying so.
public struct ModelResolver: Sendable {
    /// A resolved name.
    public struct Resolved: Sendable {
        /// The name as given.
        public var label: String
        /// What it resolved to.
        public var target: ModelTarget
        /// Why (the router's reason, or the alias).
        public var reason: String
        /// The client.
        public var provider: any ChatProvider
    }

    /// The router (configured and registered routes, default model).
    public var router: Router
    /// Builds the clients.
    public var factory: ProviderFactory
    /// The tenant, for route matching.
    public var tenant: String
    /// Names that stand for fixed targets (`base`, `tuned`).
    public var aliases: [String: ModelTarget]

    /// Creates a resolver.
    public init(router: Router, factory: ProviderFactory, tenant: String, aliases: [String: ModelTarget] = [:]) {
        self.router = router
        self.factory = factory
        self.tenant = tenant
        self.aliases = aliases
    }

    /// Resolves `label`.
    ///
    /// - Throws: ``TuningError`` (`invalidInput`) when it is neither an alias, a route nor
    ///   `provider:model`, or its provider is not configured.
    public func resolve(_ label: String) throws(TuningError) -> Resolved {
        let target: ModelTarget
        let reason: String
        if let alias = aliases[label] {
            (target, reason) = (alias, "\(label) is \(alias)")
        } else {
            do {
                let decision = try router.decide(RoutingContext(tenant: tenant, requestedModel: label))
                (target, reason) = (decision.target, decision.reason)
            } catch {
                throw TuningError(
                    .invalidInput,
                    "'\(label)' is not a route name or provider:model"
                        + (aliases.isEmpty ? "" : " (aliases: \(aliases.keys.sorted().joined(separator: ", ")))"))
            }
        }
        do {
            return Resolved(label: label, target: target, reason: reason, provider: try factory.provider(for: target))
        } catch {
            throw TuningError(.configuration, "\(label): \(error.message)")
        }
    }
}
