public import MnemeStore

/// Splits a loaded document into chunks of about ``Configuration/targetTokens`` tokens that
/// follow its structure.
///
/// - A chunk never spans two sections: a heading starts a new chunk, and every chunk keeps the
///   heading path above it.
/// - Inside a section, whole blocks (paragraphs, code blocks) are packed together; a block
///   larger than the target is split at sentence ends, and a sentence larger than the target at
///   spaces — never inside a word (a single word longer than the target stays whole).
/// - Consecutive chunks of one section overlap by up to ``Configuration/overlapTokens`` tokens
///   of whole sentences or blocks.
/// - Every chunk's offsets address the document's text exactly:
///   `document.text(in: chunk.startOffset..<chunk.endOffset) == chunk.text`.
///
/// Token counts come from the `count` function (the target model's tokenizer), so chunk sizes
/// are exact for it. Time is linear in the document's length.
///
/// ```swift
/// let chunker = Chunker(count: { Encoding.o200k.count($0) })
/// let chunks = chunker.chunks(of: document)
/// ```
public struct Chunker: Sendable {
    /// Sizes for the chunker.
    public struct Configuration: Sendable, Hashable {
        /// The size a chunk aims for, in tokens.
        public var targetTokens: Int
        /// How many tokens of the previous chunk the next one repeats (0 for none).
        public var overlapTokens: Int

        /// Creates a configuration; the overlap is clamped to half the target.
        public init(targetTokens: Int = 400, overlapTokens: Int = 40) {
            self.targetTokens = max(16, targetTokens)
            self.overlapTokens = min(max(0, overlapTokens), self.targetTokens / 2)
        }
    }

    /// The sizes in use.
    public var configuration: Configuration
    private let count: @Sendable (String) -> Int

    /// Creates a chunker that measures text with `count`.
    public init(configuration: Configuration = Configuration(), count: @escaping @Sendable (String) -> Int) {
        self.configuration = configuration
        self.count = count
    }

    /// A span of the document's text with its size in tokens.
    struct Unit {
        var range: Range<Int>
        var text: String
        var tokens: Int
    }

    /// The chunks of `document`, in order.
    public func chunks(of document: LoadedDocument) -> [NewChunk] {
        var slicer = ScalarSlicer(document.text)
        var chunks: [NewChunk] = []
        for section in document.sections {
            let units = section.blocks.flatMap(units(of:))
            for group in pack(units) {
                let range = group.first!.range.lowerBound..<group.last!.range.upperBound
                // A unit's text is the document's text at its range already.
                let text = group.count == 1 ? group[0].text : slicer.slice(range)
                chunks.append(
                    NewChunk(
                        headingPath: section.headingPath,
                        text: text,
                        startOffset: range.lowerBound,
                        endOffset: range.upperBound,
                        // A chunk of one unit was counted already; a chunk of several is counted
                        // whole, since tokens can merge across the units' boundaries.
                        tokenCount: group.count == 1 ? group[0].tokens : count(text)
                    )
                )
            }
        }
        return chunks
    }

    /// A block as one unit, or split into sentences (and sentences into word runs) when it is
    /// larger than the target.
    func units(of block: TextBlock) -> [Unit] {
        let whole = Unit(range: block.range, text: block.text, tokens: count(block.text))
        if whole.tokens <= configuration.targetTokens { return [whole] }
        return TextSplitter.sentences(in: block.text, base: block.range.lowerBound).flatMap { sentence in
            let unit = Unit(range: sentence.range, text: sentence.text, tokens: count(sentence.text))
            if unit.tokens <= configuration.targetTokens { return [unit] }
            return wordRuns(of: sentence)
        }
    }

    /// Splits an over-long sentence at spaces into runs of at most the target size.
    private func wordRuns(of sentence: TextSplitter.Piece) -> [Unit] {
        let words = TextSplitter.words(in: sentence.text, base: sentence.range.lowerBound)
        var runs: [Unit] = []
        var current: [TextSplitter.Piece] = []
        var currentTokens = 0
        func flush() {
            guard let first = current.first, let last = current.last else { return }
            let range = first.range.lowerBound..<last.range.upperBound
            let text = TextSplitter.slice(sentence, range)
            runs.append(Unit(range: range, text: text, tokens: count(text)))
            current.removeAll()
            currentTokens = 0
        }
        for word in words {
            let tokens = count(word.text) + 1
            if currentTokens + tokens > configuration.targetTokens, !current.isEmpty { flush() }
            current.append(word)
            currentTokens += tokens
        }
        flush()
        return runs
    }

    /// Packs units greedily into groups of at most the target size, each group after the first
    /// starting with trailing units of the previous one (the overlap).
    func pack(_ units: [Unit]) -> [[Unit]] {
        var groups: [[Unit]] = []
        var current: [Unit] = []
        var tokens = 0
        var fresh = 0  // units in `current` that are not overlap
        for unit in units {
            if tokens + unit.tokens > configuration.targetTokens, fresh > 0 {
                groups.append(current)
                current = overlap(current, before: unit)
                tokens = current.reduce(0) { $0 + $1.tokens }
                fresh = 0
            }
            current.append(unit)
            tokens += unit.tokens
            fresh += 1
        }
        if fresh > 0 { groups.append(current) }
        return groups
    }

    /// The trailing units of `group` that fit in the overlap, and leave room for `next`.
    private func overlap(_ group: [Unit], before next: Unit) -> [Unit] {
        var kept: [Unit] = []
        var tokens = 0
        for unit in group.reversed() {
            guard tokens + unit.tokens <= configuration.overlapTokens,
                tokens + unit.tokens + next.tokens <= configuration.targetTokens,
                kept.count + 1 < group.count
            else { break }
            kept.insert(unit, at: 0)
            tokens += unit.tokens
        }
        return kept
    }
}
