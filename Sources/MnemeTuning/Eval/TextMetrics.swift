/// The text metrics of `mneme eval`, each on one output and its reference. Pure.
///
/// - **Normalisation** (as SQuAD's evaluation, except that hyphens and slashes separate words):
///   lower-case; punctuation and symbols removed (`don't` → `dont`); the English articles *a*,
///   *an*, *the* removed; whitespace collapsed.
/// - **Exact match**: the normalised texts are equal.
/// - **Token F1**: over the bags of normalised tokens, `2·P·R / (P + R)` with
///   `P = common / output tokens`, `R = common / reference tokens` (1 when both are empty).
/// - **ROUGE-L**: the F1 of the longest common subsequence of normalised tokens
///   (`P = LCS / output tokens`, `R = LCS / reference tokens`, β = 1).
/// - **Refusal**: the output's first 300 characters (lower-cased, `’` read as `'`) contain one of
///   ``refusalPhrases``, or the provider stopped for content filtering.
public enum TextMetrics {
    /// The phrases the refusal heuristic looks for.
    public static let refusalPhrases = [
        "i'm sorry, but", "i am sorry, but", "sorry, but i can", "sorry, i can't", "sorry, i cannot",
        "i can't help with", "i cannot help with", "i can't assist", "i cannot assist", "i can't provide",
        "i cannot provide", "i can't answer", "i cannot answer", "i'm not able to", "i am not able to",
        "i'm unable to", "i am unable to", "i won't be able to", "i will not be able to", "i must decline",
        "i can't comply", "i cannot comply", "i'm not allowed to", "i am not allowed to", "as an ai",
        "as a language model",
    ]

    /// The normalised text.
    public static func normalize(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    /// The normalised tokens.
    public static func tokens(_ text: String) -> [String] {
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                cleaned.unicodeScalars.append(scalar == "-" || scalar == "/" ? " " : "\u{0}")
            default:
                cleaned.unicodeScalars.append(scalar)
            }
        }
        cleaned = cleaned.replacing("\u{0}", with: "")
        return cleaned.split(whereSeparator: \.isWhitespace).map(String.init).filter {
            !["a", "an", "the"].contains($0)
        }
    }

    /// Whether the normalised texts are equal.
    public static func exactMatch(_ output: String, _ reference: String) -> Bool {
        normalize(output) == normalize(reference)
    }

    /// Token-level F1 (bag of tokens).
    public static func tokenF1(_ output: String, _ reference: String) -> Double {
        f1(tokens(output), tokens(reference)) { output, reference in
            var counts: [String: Int] = [:]
            for token in reference { counts[token, default: 0] += 1 }
            var common = 0
            for token in output where counts[token, default: 0] > 0 {
                counts[token]! -= 1
                common += 1
            }
            return common
        }
    }

    /// ROUGE-L F1 (longest common subsequence of tokens).
    public static func rougeL(_ output: String, _ reference: String) -> Double {
        f1(tokens(output), tokens(reference), overlap: longestCommonSubsequence)
    }

    /// The length of the longest common subsequence (O(n·m) time, O(m) memory).
    public static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = Array(repeating: 0, count: b.count + 1)
        var current = previous
        for item in a {
            for (index, other) in b.enumerated() {
                current[index + 1] = item == other ? previous[index] + 1 : max(previous[index + 1], current[index])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether `output` looks like a refusal.
    public static func isRefusal(_ output: String) -> Bool {
        let head = String(output.prefix(300)).lowercased().replacing("\u{2019}", with: "'")
        return refusalPhrases.contains { head.contains($0) }
    }

    /// Words of a text (whitespace-separated, before normalisation).
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    private static func f1(_ output: [String], _ reference: [String], overlap: ([String], [String]) -> Int) -> Double {
        if output.isEmpty || reference.isEmpty { return output.isEmpty && reference.isEmpty ? 1 : 0 }
        let common = overlap(output, reference)
        guard common > 0 else { return 0 }
        let precision = Double(common) / Double(output.count)
        let recall = Double(common) / Double(reference.count)
        return 2 * precision * recall / (precision + recall)
    }
}
