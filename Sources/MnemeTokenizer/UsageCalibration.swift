/// Learns, per model, how local counts compare with the `usage` a provider reports, and corrects later
/// counts with the observed ratio. A pure value (Codable) so the caller can persist it.
///
/// The ratio is `Σ actual / Σ estimated` over the recorded requests (sums are halved once they pass
/// ``maximumWeight`` so recent requests dominate), clamped to ``bounds``. For a model whose local count
/// is exact (recorded with `isExact: true`), the ratio is never below 1: an exact count is never lowered.
///
/// ```swift
/// var calibration = UsageCalibration()
/// calibration.record(model: "claude-sonnet-4", estimated: 1_300, actual: 1_180)
/// calibration.adjusted(2_600, model: "claude-sonnet-4")   // 2_360
/// ```
public struct UsageCalibration: Sendable, Hashable, Codable {
    /// Accumulated observations for one model.
    public struct Observation: Sendable, Hashable, Codable {
        /// Weighted sum of local counts.
        public var estimated: Double
        /// Weighted sum of provider counts.
        public var actual: Double
        /// Requests recorded.
        public var samples: Int
        /// Whether the local counts for this model are exact.
        public var isExact: Bool
    }

    /// Observations keyed by lower-cased model id.
    public private(set) var observations: [String: Observation] = [:]
    /// Allowed range of the correction ratio.
    public var bounds: ClosedRange<Double>
    /// Once `estimated` exceeds this, both sums are halved (an exponential forgetting of old requests).
    public var maximumWeight: Double

    /// Creates an empty calibration.
    public init(bounds: ClosedRange<Double> = 0.5...3.0, maximumWeight: Double = 5_000_000) {
        self.bounds = bounds
        self.maximumWeight = maximumWeight
    }

    /// Records one request: the local count and the provider's count (e.g. `usage.prompt_tokens`).
    /// Non-positive values are ignored.
    public mutating func record(model: String, estimated: Int, actual: Int, isExact: Bool = false) {
        guard estimated > 0, actual > 0 else { return }
        let key = model.trimmingWhitespace().lowercased()
        var observation =
            observations[key] ?? Observation(estimated: 0, actual: 0, samples: 0, isExact: isExact)
        observation.estimated += Double(estimated)
        observation.actual += Double(actual)
        observation.samples += 1
        observation.isExact = isExact
        if observation.estimated > maximumWeight {
            observation.estimated /= 2
            observation.actual /= 2
        }
        observations[key] = observation
    }

    /// The clamped correction ratio for `model`, or nil without observations.
    public func ratio(model: String) -> Double? {
        guard let observation = observations[model.trimmingWhitespace().lowercased()], observation.estimated > 0 else {
            return nil
        }
        var ratio = min(max(observation.actual / observation.estimated, bounds.lowerBound), bounds.upperBound)
        if observation.isExact { ratio = max(ratio, 1) }
        return ratio
    }

    /// `count` corrected by the model's ratio (rounded up); unchanged without observations.
    public func adjusted(_ count: Int, model: String) -> Int {
        guard count > 0, let ratio = ratio(model: model) else { return count }
        return Int((Double(count) * ratio).rounded(.up))
    }

    /// Forgets one model's observations.
    public mutating func reset(model: String) {
        observations[model.trimmingWhitespace().lowercased()] = nil
    }
}
