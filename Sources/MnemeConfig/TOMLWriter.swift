/// Writes TOML values that ``TOMLParser`` reads back unchanged.
///
/// ```swift
/// TOMLWriter.string("Say \"hi\"\n")   // "Say \"hi\"\n" as a one-line basic string
/// TOMLWriter.key("gpt-4o-mini")       // gpt-4o-mini (bare), TOMLWriter.key("a b") → "a b"
/// ```
public enum TOMLWriter {
    /// `text` as a one-line basic string, every control character escaped.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `name` as a key: bare when it can be, else quoted.
    public static func key(_ name: String) -> String {
        let bare = !name.isEmpty && name.utf8.allSatisfy { TOMLParser.isBareKey($0) }
        return bare ? name : string(name)
    }
}
