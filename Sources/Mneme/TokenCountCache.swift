import Synchronization

/// Exact token counts of short texts, remembered per encoding between turns.
///
/// Every turn counts the same fact values, example texts, line prefixes and headers again; a
/// count is a pure function of the text and the encoding, so a remembered count is exact. Long
/// texts (the rendered system text, which changes with every turn) are counted every time.
final class TokenCountCache: Sendable {
    /// Texts longer than this (UTF-8 bytes) are not remembered.
    static let maximumBytes = 2_048
    /// The most counts remembered; the cache starts over past it.
    static let capacity = 20_000

    private struct State {
        var counts: [String: [String: Int]] = [:]
        var total = 0
    }

    private let state = Mutex(State())

    /// The count of `text` in `encoding`: remembered, or measured with `measure` (and remembered
    /// if the text is short).
    func count(_ text: String, encoding: String, measure: (String) -> Int) -> Int {
        guard text.utf8.count <= Self.maximumBytes else { return measure(text) }
        if let known = state.withLock({ $0.counts[encoding]?[text] }) { return known }
        let value = measure(text)
        state.withLock { state in
            if state.total >= Self.capacity {
                state.counts.removeAll(keepingCapacity: true)
                state.total = 0
            }
            if state.counts[encoding, default: [:]].updateValue(value, forKey: text) == nil { state.total += 1 }
        }
        return value
    }
}
