public import MnemeTuning

extension Engine {
    /// The fine-tuning jobs of `tenant`, with the engine's store, provider keys, HTTP client and prices.
    ///
    /// ```swift
    /// let jobs = engine.tuningJobs(tenant: "acme")
    /// let job = try await jobs.refresh("1")
    /// ```
    public func tuningJobs(tenant: String) -> TuningJobs {
        TuningJobs(store: store, tenant: tenant, environment: environment, http: http, prices: configuration.prices)
    }
}
