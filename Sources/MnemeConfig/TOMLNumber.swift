/// TOML integers and floats: `42`, `-1_000`, `0xff`, `0o17`, `0b101`, `3.14`, `6e-3`, `inf`, `-nan`.
enum TOMLNumber {
    static func parse(_ word: String) -> TOMLValue? {
        switch word {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where word.hasPrefix(prefix) {
            let digits = String(word.dropFirst(2))
            guard validUnderscores(digits), let value = Int64(digits.replacingUnderscores, radix: radix) else {
                return nil
            }
            return .integer(value)
        }
        guard validUnderscores(word.trimmingSign) else { return nil }
        let plain = word.replacingUnderscores
        let unsigned = plain.trimmingSign
        guard let first = unsigned.first, first.isNumber else { return nil }
        if unsigned.count > 1, first == "0", unsigned.dropFirst().first?.isNumber == true { return nil }
        if plain.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            if let dot = plain.firstIndex(of: "."),
                plain.index(after: dot) == plain.endIndex || !plain[plain.index(after: dot)].isNumber
            {
                return nil
            }
            return Double(plain).map(TOMLValue.float)
        }
        return Int64(plain).map(TOMLValue.integer)
    }

    /// Underscores only between digits.
    static func validUnderscores(_ text: String) -> Bool {
        let characters = Array(text)
        for (offset, character) in characters.enumerated() where character == "_" {
            guard offset > 0, offset < characters.count - 1, characters[offset - 1].isHexDigit,
                characters[offset + 1].isHexDigit
            else { return false }
        }
        return true
    }
}

extension String {
    fileprivate var replacingUnderscores: String { filter { $0 != "_" } }
    fileprivate var trimmingSign: String { first == "+" || first == "-" ? String(dropFirst()) : self }
}
