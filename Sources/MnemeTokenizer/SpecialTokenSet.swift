/// A set of special tokens for ``Tokenizer/encode(_:allowedSpecial:disallowedSpecial:)``, mirroring
/// tiktoken's `allowed_special` / `disallowed_special` arguments (`"all"` or a set of strings).
///
/// ```swift
/// try tokenizer.encode(text, allowedSpecial: .all)
/// try tokenizer.encode(text, allowedSpecial: ["<|endoftext|>"], disallowedSpecial: .none)
/// ```
public enum SpecialTokenSet: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Every special token of the encoding.
    case all
    /// Exactly these token strings (strings that are not special tokens of the encoding are ignored).
    case only(Set<String>)

    /// The empty set.
    public static let none = SpecialTokenSet.only([])

    public init(arrayLiteral elements: String...) {
        self = .only(Set(elements))
    }

    func resolve(in specialTokens: [String: Int]) -> Set<String> {
        switch self {
        case .all: return Set(specialTokens.keys)
        case .only(let names): return names.intersection(specialTokens.keys)
        }
    }
}
