public import MnemeStore

extension TuningJobs {
    /// Registers the job's tuned model as a route of the tenant, with the base model as its fallback
    /// (taken when the tuned model fails retryably or is gone, for example deleted).
    ///
    /// - Parameters:
    ///   - route: the route's name; default the job's suffix, else `tuned-<id>`. An existing route of
    ///     that name is replaced.
    ///   - persona: limit the route to one persona; `nil` applies it to every request of the tenant.
    ///   - userAttributes: limit the route to users with these attributes.
    /// - Throws: ``TuningError`` (`notReady`) unless the job has succeeded.
    @discardableResult
    public func register(
        _ reference: String, route: String? = nil, persona: String? = nil, userAttributes: [String: String] = [:]
    ) async throws -> RegisteredRouteRecord {
        let job = try await job(reference)
        guard job.status == .succeeded, let target = job.target else {
            throw TuningError(
                .notReady,
                "Job \(job.id) is \(job.status); a route can be registered once it has succeeded "
                    + "(follow it with `mneme tune status \(job.id) --watch`).")
        }
        let name = route ?? job.suffix.flatMap { $0.isEmpty ? nil : $0 } ?? "tuned-\(job.id)"
        let fallback = "\(job.provider.rawValue):\(job.baseModel)"
        return try await store.registerRoute(
            NewRegisteredRoute(
                name: name, target: target.description, fallbacks: [fallback], persona: persona,
                userAttributes: userAttributes, tuningJobID: job.id),
            tenantID: tenantID())
    }

    /// The tenant's registered routes.
    public func registeredRoutes() async throws -> [RegisteredRouteRecord] {
        try await store.registeredRoutes(tenantID: tenantID())
    }

    /// Removes the tenant's registered route `name`.
    ///
    /// - Throws: ``TuningError`` (`notFound`) if there is none.
    public func unregister(_ name: String) async throws {
        guard try await store.removeRegisteredRoute(name: name, tenantID: tenantID()) else {
            throw TuningError(.notFound, "Tenant \(tenant) has no registered route '\(name)'.")
        }
    }
}
