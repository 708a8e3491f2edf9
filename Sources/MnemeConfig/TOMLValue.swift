/// A value read from a TOML document, with the line it was written on.
///
/// ```swift
/// let document = try TOMLParser.parse("port = 8080\n")
/// document.root["port"]?.value  // .integer(8080)
/// document.root["port"]?.line   // 1
/// ```
public struct TOMLNode: Sendable, Hashable {
    /// The value.
    public var value: TOMLValue
    /// The 1-based line the value (or the table's header) starts on; 0 for tables nobody wrote.
    public var line: Int

    /// Creates a node.
    public init(_ value: TOMLValue, line: Int) {
        self.value = value
        self.line = line
    }

    /// The table, if the value is one.
    public var table: TOMLTable? {
        if case .table(let table) = value { return table }
        return nil
    }
}

/// A TOML value. Dates and times are not supported (a configuration file has no use for them) and are
/// reported as errors by the parser.
public indirect enum TOMLValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A 64-bit integer.
    case integer(Int64)
    /// A float (including `inf` and `nan`).
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// An array (including arrays of tables).
    case array([TOMLNode])
    /// A table.
    case table(TOMLTable)

    /// The TOML name of the value's type, for messages (`string`, `integer`, `table`…).
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A TOML table: keys in the order they were written.
public struct TOMLTable: Sendable, Hashable {
    /// The entries, in document order.
    public private(set) var entries: [(key: String, node: TOMLNode)]

    /// Creates an empty table.
    public init() {
        entries = []
    }

    /// The keys, in document order.
    public var keys: [String] { entries.map(\.key) }

    /// The node at `key`.
    public subscript(key: String) -> TOMLNode? {
        entries.first { $0.key == key }?.node
    }

    /// Sets the node at `key` (replacing or appending).
    mutating func set(_ key: String, _ node: TOMLNode) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].node = node
        } else {
            entries.append((key, node))
        }
    }

    /// Tables are equal when they hold the same keys and values in the same order.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.node == $1.node }
    }

    /// Hashes the keys and values in order.
    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.node)
        }
    }
}

/// A parsed TOML document.
public struct TOMLDocument: Sendable, Hashable {
    /// The root table.
    public var root: TOMLTable
    /// Where the text came from, for messages (a file path or `<string>`).
    public var source: String
}
