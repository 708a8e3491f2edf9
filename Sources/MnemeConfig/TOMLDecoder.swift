/// Decodes `Decodable` values from a ``TOMLDocument``, section by section, and reports what it could not
/// use: wrong types, missing keys, and keys nobody asked for (unknown keys are errors, with a suggestion).
///
/// `snake_case` keys in the file match `camelCase` coding keys (`cached_input` → `cachedInput`); keys of
/// dictionaries are kept as written.
///
/// ```swift
/// let document = try TOMLParser.parse(text, source: "mneme.toml")
/// let decoder = TOMLDecoder(document)
/// let port = decoder.decode(Int.self, at: ["server", "port"])   // nil when absent or wrong (an issue is recorded)
/// let issues = decoder.finish()                                 // + unknown keys, in line order
/// ```
public final class TOMLDecoder {
    /// The document being read.
    public let document: TOMLDocument
    /// The issues found so far (semantic checks may add their own with ``report(_:at:_:)``).
    public private(set) var issues: [ConfigIssue] = []
    private var accessed: Set<[String]> = [[]]
    private var asked: [[String]: Set<String>] = [:]
    private var failed: Set<[String]> = []
    var currentLine = 0

    /// Creates a decoder over `document`.
    public init(_ document: TOMLDocument) {
        self.document = document
    }

    /// The node at `path` (`["routes", "0", "target"]`: array elements by index), if present.
    public func node(at path: [String]) -> TOMLNode? {
        var node = TOMLNode(.table(document.root), line: 0)
        for part in path {
            switch node.value {
            case .table(let table):
                guard let child = table[part] ?? table.entries.first(where: { $0.key.camelCased == part })?.node else {
                    return nil
                }
                node = child
            case .array(let items):
                guard let index = Int(part), items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// Decodes the value at `path` as `T`; `nil` if it is absent (nothing recorded) or invalid (an error
    /// with its line is recorded and the section is left out of the unknown-key check).
    public func decode<T: Decodable>(_ type: T.Type, at path: [String]) -> T? {
        guard let node = node(at: path) else {
            markAsked(path)
            return nil
        }
        let rawPath = resolve(path)
        do {
            markAccessed(rawPath)
            let decoder = NodeDecoder(node: node, rawPath: rawPath, codingPath: [], owner: self)
            return try T(from: decoder)
        } catch {
            failed.insert(rawPath)
            report(.error, at: currentLine == 0 ? node.line : currentLine, Self.message(for: error, in: rawPath))
            return nil
        }
    }

    /// Records an issue found by a semantic check (a route to an unknown persona, an unset key variable…).
    public func report(_ severity: ConfigIssue.Severity, at line: Int, _ message: String) {
        issues.append(ConfigIssue(severity, source: document.source, line: line, message))
    }

    /// Marks `path` as known without decoding it (a section read by hand).
    public func markAccessed(_ path: [String]) {
        for length in 0...path.count { accessed.insert(Array(path.prefix(length))) }
        markAsked(path)
    }

    /// Leaves `path` out of the unknown-key check (a section already reported as wrong as a whole).
    public func skipUnknownKeys(at path: [String]) {
        failed.insert(resolve(path))
        markAccessed(path)
    }

    /// Adds every unknown key (a key no decode asked for) and returns all issues, in line order.
    public func finish() -> [ConfigIssue] {
        findUnknown(in: document.root, path: [])
        return issues.sorted { ($0.line, $0.severity == .error ? 0 : 1) < ($1.line, $1.severity == .error ? 0 : 1) }
    }

    // MARK: Bookkeeping used by the containers

    func markAsked(_ path: [String]) {
        guard let last = path.last else { return }
        asked[Array(path.dropLast()), default: []].insert(last.snakeCased)
    }

    /// `path` with camelCase parts replaced by the keys as written.
    func resolve(_ path: [String]) -> [String] {
        var node = TOMLNode(.table(document.root), line: 0)
        var raw: [String] = []
        for part in path {
            if case .table(let table) = node.value,
                let entry = table.entries.first(where: { $0.key == part })
                    ?? table.entries.first(where: { $0.key.camelCased == part })
            {
                raw.append(entry.key)
                node = entry.node
            } else if case .array(let items) = node.value, let index = Int(part), items.indices.contains(index) {
                raw.append(part)
                node = items[index]
            } else {
                raw.append(part)
            }
        }
        return raw
    }

    private func findUnknown(in table: TOMLTable, path: [String]) {
        guard !failed.contains(path) else { return }
        for (key, node) in table.entries {
            let childPath = path + [key]
            guard accessed.contains(childPath) else {
                let section = path.isEmpty ? "at the top level" : "in [\(Self.display(path))]"
                var message = "unknown key '\(key)' \(section)"
                if let suggestion = Self.closest(to: key, among: asked[path] ?? []) {
                    message += " (did you mean '\(suggestion)'?)"
                } else if let known = asked[path], !known.isEmpty {
                    message += " (known here: \(known.sorted().joined(separator: ", ")))"
                }
                report(.error, at: node.line, message)
                continue
            }
            findUnknown(in: node, path: childPath)
        }
    }

    private func findUnknown(in node: TOMLNode, path: [String]) {
        switch node.value {
        case .table(let child):
            findUnknown(in: child, path: path)
        case .array(let items):
            for (index, item) in items.enumerated() { findUnknown(in: item, path: path + [String(index)]) }
        default:
            break
        }
    }

    /// `routes.0.match` → `routes.match` style for messages (`[[routes]]` elements shown by number).
    static func display(_ path: [String]) -> String {
        path.map { Int($0).map { "#\($0 + 1)" } ?? $0 }.joined(separator: ".")
    }

    static func closest(to key: String, among candidates: Set<String>) -> String? {
        let scored = candidates.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }), best.1 <= max(2, key.count / 3) else {
            return nil
        }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

extension String {
    /// `cached_input` → `cachedInput`; `max-items` → `maxItems`.
    var camelCased: String {
        var result = ""
        var upper = false
        for character in self {
            if character == "_" || character == "-" {
                upper = !result.isEmpty
            } else {
                result.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return result
    }

    /// `cachedInput` → `cached_input`.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase, !result.isEmpty {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
