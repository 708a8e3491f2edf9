public import MnemeProviders
public import MnemeStore

/// Turns a tenant's registered routes (the store's records) into router ``Route``s.
public enum RegisteredRoutes {
    /// The routes of the tenant `tenantID` named `tenant`; each matches that tenant plus its own
    /// persona and attribute conditions. Records whose target no longer parses are skipped.
    public static func routes(store: Store, tenantID: Int64, tenant: String) async throws -> [Route] {
        try await store.registeredRoutes(tenantID: tenantID).compactMap { try? route($0, tenant: tenant) }
    }

    /// One record as a route.
    ///
    /// - Throws: ``ProviderError`` (`configuration`) if a target is not `provider:model`.
    public static func route(_ record: RegisteredRouteRecord, tenant: String) throws(ProviderError) -> Route {
        var fallbacks: [ModelTarget] = []
        for fallback in record.fallbacks { fallbacks.append(try ModelTarget(parsing: fallback)) }
        return Route(
            name: record.name,
            match: RouteMatch(tenant: tenant, userAttributes: record.userAttributes, persona: record.persona),
            target: try ModelTarget(parsing: record.target), fallbacks: fallbacks)
    }

    /// A router over `registered` routes first (they win ties), then the configured ones.
    public static func router(configured: [Route], registered: [Route], defaultTarget: ModelTarget) -> Router {
        let names = Set(registered.map(\.name))
        return Router(routes: registered + configured.filter { !names.contains($0.name) }, defaultTarget: defaultTarget)
    }
}
