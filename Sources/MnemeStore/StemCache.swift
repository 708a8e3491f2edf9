import MnemeStemming
import Synchronization

/// Stems of words seen on the query path (snippets, feedback), shared by all searches: the
/// same words come back query after query, and a look-up is cheaper than stemming.
enum StemCache {
    /// The most words remembered; the cache starts over past it.
    static let capacity = 100_000

    private static let stems = Mutex<[String: String]>([:])

    /// The stem of a lower-cased word (``Stemmer/stem(_:)``).
    static func stem(_ word: String) -> String {
        if let known = stems.withLock({ $0[word] }) { return known }
        let stem = Stemmer.stem(word)
        stems.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[word] = stem
        }
        return stem
    }
}
