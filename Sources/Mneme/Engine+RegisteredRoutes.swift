public import MnemeProviders
import MnemeStore
import MnemeTuning

extension Engine {
    /// The router for one tenant: the tenant's registered routes (`mneme tune register`, stored in
    /// the database) ahead of the configured ones, so a registered route wins a tie, then the
    /// default model.
    public func router(tenant: String) async throws -> Router {
        let tenantID = try await store.ensureTenant(tenant).id
        return try await router(tenantID: tenantID, tenant: tenant)
    }

    /// ``router(tenant:)`` for a tenant whose id is known (a turn has it from the user's scope).
    func router(tenantID: Int64, tenant: String) async throws -> Router {
        let registered = try await RegisteredRoutes.routes(store: store, tenantID: tenantID, tenant: tenant)
        return RegisteredRoutes.router(
            configured: configuration.routes, registered: registered, defaultTarget: defaultTarget)
    }
}
