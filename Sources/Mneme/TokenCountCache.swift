import Foundation
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
        var counts: [String: [Text: Int]] = [:]
        var total = 0
    }

    /// A text compared and hashed by its UTF-8 bytes — what a count depends on. `String`'s own
    /// equality is Unicode canonical equivalence: "é" and "e" + U+0301 are equal strings with
    /// different tokens; and hashing a non-ASCII `String` normalizes it first, which cost more
    /// than the look-up saved.
    struct Text: Hashable {
        let string: String

        static func == (left: Text, right: Text) -> Bool {
            var (left, right) = (left.string, right.string)
            return left.withUTF8 { left in
                right.withUTF8 { right in
                    left.count == right.count
                        && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            var string = string
            string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private let state = Mutex(State())

    /// The count of `text` in `encoding`: remembered, or measured with `measure` (and remembered
    /// if the text is short).
    func count(_ text: String, encoding: String, measure: (String) -> Int) -> Int {
        guard text.utf8.count <= Self.maximumBytes else { return measure(text) }
        let key = Text(string: text)
        if let known = state.withLock({ $0.counts[encoding]?[key] }) { return known }
        let value = measure(text)
        state.withLock { state in
            if state.total >= Self.capacity {
                state.counts.removeAll(keepingCapacity: true)
                state.total = 0
            }
            if state.counts[encoding, default: [:]].updateValue(value, forKey: key) == nil { state.total += 1 }
        }
        return value
    }
}
