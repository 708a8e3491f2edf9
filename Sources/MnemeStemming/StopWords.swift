/// Snowball's standard English and Russian stop-word lists.
///
/// Check the surface token (before stemming). Matching ignores case, treats `’`/`‘` as `'`
/// and `ё` as `е` (the Russian list is written with `е`, e.g. `еще`, `ее`).
///
/// ```swift
/// StopWords.isStopWord("The")     // true
/// StopWords.isStopWord("ещё")     // true
/// StopWords.isStopWord("отпуск")  // false
/// ```
public enum StopWords {
    /// `true` when `token` is in the English or the Russian Snowball stop list.
    public static func isStopWord(_ token: String) -> Bool {
        isEnglishStopWord(token) || isRussianStopWord(token)
    }

    /// `true` when `token` is in Snowball's English stop list (`english/stop.txt`).
    public static func isEnglishStopWord(_ token: String) -> Bool {
        english.contains(normalized(token))
    }

    /// `true` when `token` is in Snowball's Russian stop list (`russian/stop.txt`).
    public static func isRussianStopWord(_ token: String) -> Bool {
        russian.contains(normalized(token))
    }

    /// Snowball's English stop list, lower-case with ASCII apostrophes.
    public static let english: Set<String> = Set(
        englishList.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Snowball's Russian stop list, lower-case, written with `е` for `ё`.
    public static let russian: Set<String> = Set(
        russianList.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Lower-cases ASCII and Cyrillic, maps `ё` → `е` and curly apostrophes → `'`; other
    /// characters are kept (they cannot match a list entry anyway).
    static func normalized(_ token: String) -> String {
        var needsWork = false
        for scalar in token.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x400...0x42F, 0x451, 0x2018, 0x2019: needsWork = true
            default: continue
            }
            break
        }
        if !needsWork { return token }
        var out = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            var v = scalar.value
            switch v {
            case 0x41...0x5A: v |= 0x20
            case 0x410...0x42F: v += 0x20
            case 0x401, 0x451: v = 0x435
            case 0x400...0x40F: v += 0x50
            case 0x2018, 0x2019: v = 0x27
            default: break
            }
            out.append(Unicode.Scalar(v) ?? scalar)
        }
        return String(out)
    }
}
