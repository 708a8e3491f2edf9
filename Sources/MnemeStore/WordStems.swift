import MnemeStemming
import Synchronization

/// The stems of words as written, numbered and remembered between searches: snippets, feedback
/// and the re-ranking of fetched text (``BM25``) read the words of a few chunks per search, and the
/// same words come back search after search.
///
/// A word is looked up by its UTF-8 bytes in a ``WordTable`` (no `String`, no SipHash); it is
/// lower-cased, stemmed (``Stemmer``) and checked for feedback once. Stems are numbered too, so
/// that callers compare and weigh them as integers, with per-stem scratch arrays.
///
/// ``shared`` is the process-wide memo; every use holds its lock, and the ids it hands out are
/// valid only while the lock is held (the memo starts over past ``capacity`` words).
struct WordStems {
    /// The most words remembered; the memo starts over past it.
    static let capacity = 100_000

    /// The process-wide memo.
    static let shared = Mutex(WordStems())

    private var words = WordTable()
    /// Per word id: its stem's id, and whether it may be a feedback word.
    private var stemOfWord: [Int32] = []
    private var feedbackWord: [Bool] = []
    private var stems = WordTable()
    /// Per stem id: the stem, and the lower-cased form of the first feedback word seen with it
    /// (empty until one is seen).
    private(set) var stemStrings: [String] = []
    private(set) var lowerForms: [String] = []
    /// Per stem id, scratch for the lock holder: all zero or `false` between uses.
    var counts: [Int32] = []
    var sums: [Double] = []
    var marks: [Bool] = []

    /// Starts over when ``capacity`` words are held (call before taking ids).
    mutating func trim() {
        if words.count >= Self.capacity { self = WordStems() }
    }

    /// The stem id of `word` (its bytes as written) and whether it may be a feedback word
    /// (see ``FeedbackWords``).
    mutating func stem(of word: UnsafeBufferPointer<UInt8>) -> (stem: Int, feedback: Bool) {
        let (known, inserted) = words.insert(word)
        if !inserted { return (Int(stemOfWord[known]), feedbackWord[known]) }
        let written = String(decoding: word, as: UTF8.self)
        let lower = written.lowercased()
        let stem = id(ofStem: Stemmer.stem(lower))
        let feedback =
            written.unicodeScalars.count >= 3 && !StopWords.isStopWord(lower)
            && lower.unicodeScalars.allSatisfy(FullTextQuery.isLetter)
        if feedback, lowerForms[stem].isEmpty { lowerForms[stem] = lower }
        stemOfWord.append(Int32(stem))
        feedbackWord.append(feedback)
        return (stem, feedback)
    }

    /// The id of `stem` (a stem, not a word), numbering it when it is new.
    mutating func id(ofStem stem: String) -> Int {
        var stem = stem
        let (id, inserted) = stem.withUTF8 { stems.insert($0) }
        if inserted {
            stemStrings.append(stem)
            lowerForms.append("")
            counts.append(0)
            sums.append(0)
            marks.append(false)
        }
        return id
    }
}
