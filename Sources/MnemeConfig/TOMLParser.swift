/// A TOML 1.0 parser for configuration files: every value keeps its line, and every error names its line.
///
/// Supported: comments, bare, quoted and dotted keys, basic and literal strings (also multi-line),
/// integers (decimal, hex, octal, binary, with `_`), floats (with `inf`/`nan`), booleans, arrays,
/// inline tables, `[tables]` and `[[arrays of tables]]`. Dates and times are rejected with a message.
///
/// ```swift
/// let document = try TOMLParser.parse(text, source: "mneme.toml")
/// ```
public struct TOMLParser {
    var bytes: [UInt8]
    var index = 0
    var line = 1
    let source: String

    /// Parses `text`; `source` names it in errors.
    ///
    /// - Throws: ``ConfigError`` with code `.syntax` and the line of the first problem.
    public static func parse(_ text: String, source: String = "<string>") throws(ConfigError) -> TOMLDocument {
        var parser = TOMLParser(bytes: Array(text.utf8), source: source)
        let root = try parser.parseDocument()
        return TOMLDocument(root: root.freeze(), source: source)
    }

    // MARK: Document structure

    mutating func parseDocument() throws(ConfigError) -> MutableTable {
        let root = MutableTable(line: 0)
        var current = root
        while true {
            skipBlankLinesAndComments()
            guard let byte = peek() else { break }
            if byte == UInt8(ascii: "[") {
                current = try parseHeader(root: root)
            } else {
                try parseKeyValue(into: current)
            }
            try endOfLine()
        }
        return root
    }

    mutating func parseHeader(root: MutableTable) throws(ConfigError) -> MutableTable {
        let headerLine = line
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipSpaces()
        let path = try parseKey()
        skipSpaces()
        try expect("]", "to close the table header")
        if isArray { try expect("]", "to close the array-of-tables header") }
        var table = root
        for (offset, part) in path.enumerated() {
            let name = path[...offset].joined(separator: ".")
            let last = offset == path.count - 1
            switch table.entry(part) {
            case nil:
                if last && isArray {
                    let element = MutableTable(line: headerLine, defined: true)
                    table.set(part, .tableArray([element], line: headerLine))
                    return element
                }
                let child = MutableTable(line: headerLine, defined: last)
                table.set(part, .table(child))
                table = child
            case .table(let child):
                if child.isInline || child.isDotted && last {
                    throw error(at: headerLine, "the table [\(name)] was already defined on line \(child.line)")
                }
                if last {
                    if isArray || child.defined {
                        let what = isArray ? "a table, not an array of tables," : "already defined"
                        throw error(at: headerLine, "[\(name)] is \(what) (line \(child.line))")
                    }
                    child.defined = true
                    child.line = headerLine
                }
                table = child
            case .tableArray(var elements, let arrayLine):
                if last {
                    guard isArray else {
                        throw error(
                            at: headerLine, "[\(name)] is an array of tables (line \(arrayLine)); use [[\(name)]]")
                    }
                    let element = MutableTable(line: headerLine, defined: true)
                    elements.append(element)
                    table.set(part, .tableArray(elements, line: arrayLine))
                    return element
                }
                table = elements[elements.count - 1]
            case .value(let node):
                throw error(
                    at: headerLine, "'\(name)' is already a \(node.value.typeName) (line \(node.line)), not a table")
            }
        }
        return table
    }

    mutating func parseKeyValue(into table: MutableTable) throws(ConfigError) {
        let keyLine = line
        let path = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "=") else {
            throw error("expected '=' after the key '\(path.joined(separator: "."))'")
        }
        index += 1
        skipSpaces()
        let value = try parseValue()
        var target = table
        for (offset, part) in path.dropLast().enumerated() {
            let name = path[...offset].joined(separator: ".")
            switch target.entry(part) {
            case nil:
                let child = MutableTable(line: keyLine, dotted: true)
                target.set(part, .table(child))
                target = child
            case .table(let child) where child.isDotted || !child.defined && !child.isInline:
                target = child
            case .some(let existing):
                throw error(at: keyLine, "'\(name)' is already defined on line \(existing.line)")
            }
        }
        let key = path[path.count - 1]
        if let existing = target.entry(key) {
            throw error(
                at: keyLine, "the key '\(path.joined(separator: "."))' is already defined on line \(existing.line)")
        }
        target.set(key, value)
    }

    /// A dotted key: `a`, `a.b`, `"a b".c`, `'x'`.
    mutating func parseKey() throws(ConfigError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let byte = peek() else { throw error("expected a key at the end of the file") }
            if byte == UInt8(ascii: "\"") {
                parts.append(try parseBasicString())
            } else if byte == UInt8(ascii: "'") {
                parts.append(try parseLiteralString())
            } else {
                let start = index
                while let byte = peek(), Self.isBareKey(byte) { index += 1 }
                guard index > start else {
                    throw error(
                        "expected a key, found '\(Self.show(byte))' (keys are letters, digits, '_' and '-', or quoted)")
                }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    // MARK: Lexing helpers

    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func skipSpaces() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { index += 1 }
    }

    mutating func skipComment() {
        guard peek() == UInt8(ascii: "#") else { return }
        while let byte = peek(), byte != 0x0A { index += 1 }
    }

    mutating func skipBlankLinesAndComments() {
        while true {
            skipSpaces()
            skipComment()
            if peek() == 0x0D, peek(1) == 0x0A { index += 1 }
            guard peek() == 0x0A else { return }
            index += 1
            line += 1
        }
    }

    /// Blanks, an optional comment, then a newline or the end of the file.
    mutating func endOfLine() throws(ConfigError) {
        skipSpaces()
        skipComment()
        if peek() == 0x0D, peek(1) == 0x0A { index += 1 }
        guard let byte = peek() else { return }
        guard byte == 0x0A else {
            throw error("unexpected '\(Self.show(byte))' after a value (one key = value a line)")
        }
        index += 1
        line += 1
    }

    mutating func expect(_ character: Character, _ purpose: String) throws(ConfigError) {
        guard let byte = peek(), byte == character.asciiValue else {
            throw error("expected '\(character)' \(purpose)")
        }
        index += 1
    }

    func error(at line: Int? = nil, _ message: String) -> ConfigError {
        ConfigError(code: .syntax, source: source, line: line ?? self.line, message)
    }

    static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    static func show(_ byte: UInt8) -> String {
        switch byte {
        case 0x0A: "\\n"
        case 0x20...0x7E: String(UnicodeScalar(byte))
        default: "byte 0x" + String(byte, radix: 16)
        }
    }
}
