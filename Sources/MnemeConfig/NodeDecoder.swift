/// A `Decoder` over one ``TOMLNode``; records what it reads with its ``TOMLDecoder``.
struct NodeDecoder: Decoder {
    let node: TOMLNode
    let rawPath: [String]
    let codingPath: [any CodingKey]
    let owner: TOMLDecoder
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: TOMLNode, rawPath: [String], codingPath: [any CodingKey], owner: TOMLDecoder) {
        self.node = node
        self.rawPath = rawPath
        self.codingPath = codingPath
        self.owner = owner
        owner.currentLine = node.line
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .table(let table) = node.value else { throw mismatch(expected: "a table") }
        return KeyedDecodingContainer(TableContainer<Key>(decoder: self, table: table))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else { throw mismatch(expected: "an array") }
        return ArrayContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    func child(_ node: TOMLNode, key: String, codingKey: any CodingKey) -> NodeDecoder {
        owner.markAccessed(rawPath + [key])
        return NodeDecoder(node: node, rawPath: rawPath + [key], codingPath: codingPath + [codingKey], owner: owner)
    }

    func mismatch(expected: String) -> DecodingError {
        DecodingError.typeMismatch(
            Any.self,
            .init(codingPath: codingPath, debugDescription: "expected \(expected), found a \(node.value.typeName)"))
    }
}

extension NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { false }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .boolean(let value) = node.value else { throw mismatch(expected: "true or false") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let value) = node.value else { throw mismatch(expected: "a string") }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch node.value {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: throw mismatch(expected: "a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode(_ type: Int.Type) throws -> Int { try decodeInteger() }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger() }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger() }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger() }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger() }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger() }

    private func decodeInteger<T: BinaryInteger>() throws -> T {
        guard case .integer(let value) = node.value else { throw mismatch(expected: "an integer") }
        guard let converted = T(exactly: value) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "\(value) is out of range for this setting"))
        }
        return converted
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: self)
    }
}

/// A keyed container over a table: `snake_case` keys match `camelCase` coding keys.
struct TableContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let table: TOMLTable
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] { table.keys.compactMap { Key(stringValue: $0) ?? Key(stringValue: $0.camelCased) } }

    func entry(_ key: Key) -> (key: String, node: TOMLNode)? {
        decoder.owner.markAsked(decoder.rawPath + [key.stringValue])
        return table.entries.first { $0.key == key.stringValue }
            ?? table.entries.first { $0.key.camelCased == key.stringValue }
    }

    func contains(_ key: Key) -> Bool { entry(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard entry(key) != nil else { throw notFound(key) }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let (raw, node) = entry(key) else { throw notFound(key) }
        return try T(from: decoder.child(node, key: raw, codingKey: key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        guard let (raw, node) = entry(key) else { throw notFound(key) }
        return try decoder.child(node, key: raw, codingKey: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard let (raw, node) = entry(key) else { throw notFound(key) }
        return try decoder.child(node, key: raw, codingKey: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        guard let (raw, node) = entry(key) else { throw notFound(key) }
        return decoder.child(node, key: raw, codingKey: key)
    }

    func notFound(_ key: Key) -> DecodingError {
        decoder.owner.currentLine = decoder.node.line
        return DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
    }
}

/// An unkeyed container over an array.
struct ArrayContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [TOMLNode]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(decoder: NodeDecoder, items: [TOMLNode]) {
        self.decoder = decoder
        self.items = items
    }

    mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "the array has too few items"))
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: String(currentIndex), codingKey: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: try next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}
