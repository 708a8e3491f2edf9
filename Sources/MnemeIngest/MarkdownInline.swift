/// Simplifies Markdown inline markup to the text a reader sees, for indexing.
enum MarkdownInline {
    /// `[text](url)` → `text`, `![alt](src)` → `alt`, `[text][ref]` → `text`, `<https://x>` → `https://x`,
    /// `**`/`__` and code-span backticks dropped, `\*` → `*`. Unmatched brackets are kept as written.
    static func plainText(_ input: String) -> String {
        // Fast path: nothing to simplify (a switch, not a set: this scans every byte loaded).
        var input = input
        let hasMarker = input.withUTF8 { bytes in
            bytes.contains { byte in
                switch byte {
                case 0x5C, 0x21, 0x5B, 0x2A, 0x5F, 0x60, 0x3C: true  // \ ! [ * _ ` <
                default: false
                }
            }
        }
        guard hasMarker else { return input }
        // Scalars, not Characters: every marker is ASCII, and scalar arrays are much cheaper to build.
        let chars = Array(input.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < chars.count && chars[i + 1].isPunctuationOrSymbolASCII:
                out.append(chars[i + 1])
                i += 2
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                if let (text, next) = link(chars, at: i + 1) {
                    out.append(contentsOf: text.unicodeScalars)
                    i = next
                } else {
                    out.append(c)
                    i += 1
                }
            case "[":
                if let (text, next) = link(chars, at: i) {
                    out.append(contentsOf: text.unicodeScalars)
                    i = next
                } else {
                    out.append(c)
                    i += 1
                }
            case "*" where i + 1 < chars.count && chars[i + 1] == "*",
                "_" where i + 1 < chars.count && chars[i + 1] == "_":
                i += 2
            case "`":
                i += 1
            case "<":
                if let close = chars[i...].firstIndex(of: ">"), close > i + 1 {
                    let inner = String(String.UnicodeScalarView(chars[(i + 1)..<close]))
                    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                        let shown = inner.hasPrefix("mailto:") ? String(inner.dropFirst(7)) : inner
                        out.append(contentsOf: shown.unicodeScalars)
                        i = close + 1
                        continue
                    }
                }
                out.append(c)
                i += 1
            default:
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    /// Parses `[text](dest)` or `[text][ref]` starting at the `[`; returns the text and the index after.
    private static func link(_ chars: [Unicode.Scalar], at open: Int) -> (String, Int)? {
        var depth = 0
        var close: Int?
        var j = open
        while j < chars.count {
            if chars[j] == "\\" {
                j += 2
                continue
            }
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" {
                depth -= 1
                if depth == 0 {
                    close = j
                    break
                }
            }
            if chars[j] == "\n" && j + 1 < chars.count && chars[j + 1] == "\n" { return nil }
            j += 1
        }
        guard let close, close + 1 < chars.count else { return nil }
        let ender: Unicode.Scalar
        switch chars[close + 1] {
        case "(": ender = ")"
        case "[": ender = "]"
        default: return nil
        }
        guard let end = chars[(close + 2)...].firstIndex(of: ender) else { return nil }
        let text = plainText(String(String.UnicodeScalarView(chars[(open + 1)..<close])))
        return (text, end + 1)
    }
}

extension Unicode.Scalar {
    fileprivate var isPunctuationOrSymbolASCII: Bool {
        guard isASCII else { return false }
        let ascii = value
        return (0x21...0x2F).contains(ascii) || (0x3A...0x40).contains(ascii) || (0x5B...0x60).contains(ascii)
            || (0x7B...0x7E).contains(ascii)
    }
}
