/// Per-scalar character classes used by the pre-tokenizers, as bit flags.
///
/// They mirror the classes of tiktoken's split regexes (evaluated by the Rust `regex`/`fancy-regex`
/// crates): `\p{L}`, `\p{N}`, `\s` (the Unicode `White_Space` property, which is what the `regex`
/// crate's Unicode-aware `\s` means), `[\r\n]`, and for `o200k_base` the two letter groups
/// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]` and `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
///
/// Categories come from Swift's `Unicode.Scalar.Properties`. Scalars newer than
/// ``ScalarClass/unicodeVersion`` (the Unicode version of the `regex` crate inside tiktoken 0.14)
/// are treated as unassigned, as tiktoken does, so that both agree on text with recently assigned
/// characters.
enum ScalarClass {
    static let letter: UInt8 = 1
    static let number: UInt8 = 2
    static let space: UInt8 = 4
    static let newline: UInt8 = 8
    /// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`
    static let upper: UInt8 = 16
    /// `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`
    static let lower: UInt8 = 32

    /// Unicode version of the character tables in the `regex` crate used by tiktoken 0.14.
    static let unicodeVersion = (major: 16, minor: 0)

    /// The class of any scalar, computed from the standard library's Unicode data.
    static func compute(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }  // surrogate code points
        let properties = scalar.properties
        var flags: UInt8 = properties.isWhitespace ? space : 0
        if value == 0x0A || value == 0x0D { flags |= newline }
        if let age = properties.age {
            if age.major > unicodeVersion.major
                || (age.major == unicodeVersion.major && age.minor > unicodeVersion.minor)
            {
                return flags
            }
        } else {
            return flags
        }
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: flags |= letter | upper
        case .lowercaseLetter: flags |= letter | lower
        case .modifierLetter, .otherLetter: flags |= letter | upper | lower
        case .nonspacingMark, .spacingMark, .enclosingMark: flags |= upper | lower
        case .decimalNumber, .letterNumber, .otherNumber: flags |= number
        default: break
        }
        return flags
    }

    /// Classes of U+0000 ... U+FFFF, expanded from ``basicPlaneRuns`` once on first use (thread-safe
    /// lazy global).
    static let basicPlane: [UInt8] = expand(basicPlaneRuns)

    /// A table of 65,536 classes from runs of `start << 8 | flags`.
    static func expand(_ runs: [UInt32]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 0x1_0000)
        for (index, run) in runs.enumerated() {
            let start = Int(run >> 8)
            let end = index + 1 < runs.count ? Int(runs[index + 1] >> 8) : 0x1_0000
            for value in start..<end { table[value] = UInt8(truncatingIfNeeded: run) }
        }
        return table
    }
}
