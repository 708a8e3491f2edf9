/// Turns free text into an FTS5 query that cannot fail to parse.
///
/// Every word (a run of letters, digits or marks) becomes a quoted term, and the terms are
/// OR-ed, so quotes, `*`, `AND`/`OR`/`NOT`/`NEAR`, column filters, parentheses and NUL in the
/// user's text are plain characters, never query syntax.
///
/// ```swift
/// FullTextQuery.anyTerm(#"what's "NEAR" (vpn)*"#)  // "\"what\" OR \"s\" OR \"NEAR\" OR \"vpn\""
/// ```
public enum FullTextQuery {
    /// The largest number of terms kept from one text.
    public static let maximumTerms = 64

    /// The words of `text`, in order, without repeats, at most ``maximumTerms``.
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var seen = Set<String>()
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let term = String(current)
            current.removeAll(keepingCapacity: true)
            if seen.insert(term.lowercased()).inserted { terms.append(term) }
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else {
                flush()
                if terms.count >= maximumTerms { break }
            }
        }
        flush()
        return Array(terms.prefix(maximumTerms))
    }

    /// An FTS5 query matching rows that contain any word of `text`, or `nil` when `text` has
    /// no words.
    public static func anyTerm(_ text: String) -> String? {
        let terms = terms(text)
        if terms.isEmpty { return nil }
        return terms.map { "\"\($0)\"" }.joined(separator: " OR ")
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is white space (ASCII checked without a property look-up).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    /// Whether `scalar` is a letter or a mark (ASCII checked without a property look-up).
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }
}
