/// The BPE encodings this package ships, named as in OpenAI's `tiktoken`.
///
/// ```swift
/// let name = EncodingName(rawValue: "o200k_base")   // .o200kBase
/// let tokenizer = try Tokenizer.shared(.cl100kBase)
/// ```
public enum EncodingName: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// GPT-4, GPT-4 Turbo, GPT-3.5 Turbo and the `text-embedding-3` models.
    case cl100kBase = "cl100k_base"
    /// GPT-4o, GPT-4o mini, GPT-4.1, GPT-5 and the o-series reasoning models.
    case o200kBase = "o200k_base"

    public var description: String { rawValue }

    /// The special tokens of the encoding and their ids, exactly as `tiktoken` defines them.
    public var specialTokens: [String: Int] {
        switch self {
        case .cl100kBase:
            return [
                "<|endoftext|>": 100257,
                "<|fim_prefix|>": 100258,
                "<|fim_middle|>": 100259,
                "<|fim_suffix|>": 100260,
                "<|endofprompt|>": 100276,
            ]
        case .o200kBase:
            return ["<|endoftext|>": 199999, "<|endofprompt|>": 200018]
        }
    }

    /// Number of mergeable (non-special) tokens, i.e. lines in the `.tiktoken` file.
    var mergeableTokenCount: Int {
        switch self {
        case .cl100kBase: return 100_256
        case .o200kBase: return 199_998
        }
    }

    /// SHA-256 of the vocabulary file (tiktoken's `expected_hash`).
    public var vocabularySHA256: String {
        switch self {
        case .cl100kBase: return "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
        case .o200kBase: return "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
        }
    }

    /// A few ranks checked on every load to detect a swapped or damaged file cheaply.
    var knownRanks: [(bytes: [UInt8], rank: Int)] {
        switch self {
        case .cl100kBase:
            return [(Array("!".utf8), 0), (Array("indow".utf8), 1000), (Array(" Conveyor".utf8), 100_255)]
        case .o200kBase:
            return [(Array("!".utf8), 0), (Array(".l".utf8), 1000), (Array(" cocos".utf8), 199_997)]
        }
    }
}
