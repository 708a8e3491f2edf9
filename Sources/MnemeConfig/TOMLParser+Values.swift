extension TOMLParser {
    /// A value: string, number, boolean, array or inline table. Returns the parsed entry.
    mutating func parseValue() throws(ConfigError) -> MutableTable.Entry {
        let valueLine = line
        guard let byte = peek() else { throw error("expected a value at the end of the file") }
        switch byte {
        case UInt8(ascii: "\""):
            let text =
                peek(1) == byte && peek(2) == byte ? try parseMultilineString(literal: false) : try parseBasicString()
            return .value(TOMLNode(.string(text), line: valueLine))
        case UInt8(ascii: "'"):
            let text =
                peek(1) == byte && peek(2) == byte ? try parseMultilineString(literal: true) : try parseLiteralString()
            return .value(TOMLNode(.string(text), line: valueLine))
        case UInt8(ascii: "["):
            return .value(TOMLNode(.array(try parseArray()), line: valueLine))
        case UInt8(ascii: "{"):
            return .table(try parseInlineTable())
        default:
            return .value(TOMLNode(try parseScalar(), line: valueLine))
        }
    }

    /// `true`, `false`, a number; dates are refused.
    mutating func parseScalar() throws(ConfigError) -> TOMLValue {
        let start = index
        while let byte = peek(),
            Self.isBareKey(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ":")
        {
            index += 1
        }
        let word = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !word.isEmpty else {
            throw error("expected a value, found '\(Self.show(peek() ?? 0))' (strings need quotes)")
        }
        if word == "true" { return .boolean(true) }
        if word == "false" { return .boolean(false) }
        if let number = TOMLNumber.parse(word) { return number }
        if word.count >= 7, word.prefix(4).allSatisfy(\.isNumber), word.dropFirst(4).first == "-" {
            throw error("dates and times are not supported here; write '\(word)' as a quoted string")
        }
        throw error("'\(word)' is not a value (strings need quotes: \"\(word)\")")
    }

    mutating func parseArray() throws(ConfigError) -> [TOMLNode] {
        index += 1
        var items: [TOMLNode] = []
        while true {
            skipBlankLinesAndComments()
            guard let byte = peek() else { throw error("the array is not closed with ']'") }
            if byte == UInt8(ascii: "]") {
                index += 1
                return items
            }
            let itemLine = line
            switch try parseValue() {
            case .value(let node): items.append(node)
            case .table(let table): items.append(TOMLNode(.table(table.freeze()), line: itemLine))
            case .tableArray: break
            }
            skipBlankLinesAndComments()
            if peek() == UInt8(ascii: ",") {
                index += 1
            } else if peek() == nil {
                throw error("the array is not closed with ']'")
            } else if peek() != UInt8(ascii: "]") {
                throw error("expected ',' or ']' in the array")
            }
        }
    }

    mutating func parseInlineTable() throws(ConfigError) -> MutableTable {
        let table = MutableTable(line: line, inline: true)
        index += 1
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return table
        }
        while true {
            try parseKeyValue(into: table)
            skipSpaces()
            guard let byte = peek() else { throw error("the inline table is not closed with '}'") }
            index += 1
            if byte == UInt8(ascii: "}") { return table }
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or '}' in the inline table (inline tables stay on one line)")
            }
            skipSpaces()
        }
    }

    // MARK: Strings

    mutating func parseBasicString() throws(ConfigError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), byte != 0x0A else { throw error("the string is not closed with '\"'") }
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &out)
            } else {
                out.append(byte)
            }
        }
    }

    mutating func parseLiteralString() throws(ConfigError) -> String {
        index += 1
        let start = index
        while let byte = peek(), byte != UInt8(ascii: "'") {
            guard byte != 0x0A else { throw error("the string is not closed with \"'\"") }
            index += 1
        }
        guard peek() != nil else { throw error("the string is not closed with \"'\"") }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `"""…"""` or `'''…'''`; a newline right after the opening quotes is dropped.
    mutating func parseMultilineString(literal: Bool) throws(ConfigError) -> String {
        let quote = bytes[index]
        let startLine = line
        index += 3
        if peek() == 0x0D, peek(1) == 0x0A { index += 1 }
        if peek() == 0x0A {
            index += 1
            line += 1
        }
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw error(at: startLine, "the multi-line string that starts here is never closed")
            }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // Up to two more quotes belong to the content.
                for _ in 0..<2 where peek() == quote {
                    out.append(quote)
                    index += 1
                }
                return String(decoding: out, as: UTF8.self)
            }
            index += 1
            if byte == 0x0A { line += 1 }
            if !literal, byte == UInt8(ascii: "\\") {
                if Self.lineEndingBackslash(bytes, from: index) {
                    while let next = peek(), next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
                        if next == 0x0A { line += 1 }
                        index += 1
                    }
                } else {
                    try parseEscape(into: &out)
                }
            } else {
                out.append(byte)
            }
        }
    }

    static func lineEndingBackslash(_ bytes: [UInt8], from start: Int) -> Bool {
        var position = start
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0D {
            position += 1
        }
        return position < bytes.count && bytes[position] == 0x0A
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(ConfigError) {
        guard let escape = peek() else { throw error("the string ends in the middle of an escape") }
        index += 1
        switch escape {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(escape)
        case UInt8(ascii: "\\"): out.append(escape)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let width = escape == UInt8(ascii: "u") ? 4 : 8
            guard index + width <= bytes.count,
                let code = UInt32(String(decoding: bytes[index..<index + width], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code)
            else {
                throw error("'\\\(Self.show(escape))' needs \(width) hex digits of a valid Unicode scalar")
            }
            index += width
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error(
                "'\\\(Self.show(escape))' is not a TOML escape (use \\\\ for a backslash, or a 'literal string')")
        }
    }
}
