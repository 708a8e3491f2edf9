/// One example of a file being split: its text as written and the keys that tie it to others.
struct SplitUnit: Sendable {
    let text: String
    /// The normalized first user message (or the whole line when it cannot be read).
    let opening: String
    /// The exact-duplicate key.
    let identity: TextKey
    /// The conversation's word hashes, for near-duplicates.
    let dialogue: [UInt64]

    /// The examples of a file in order (blank lines dropped).
    static func units(of text: String, format: DatasetFormat) -> [SplitUnit] {
        if format == .csv {
            return CSVTable.parse(text).rows.map { row in
                unit(
                    text: CSVTable.record(row.fields),
                    messages: pairMessages(row.fields.first, row.fields.dropFirst().first))
            }
        }
        return JSONLines.split(text).compactMap { number, line in
            if line.allSatisfy(\.isWhitespace) { return nil }
            guard let value = try? JSONParser.parse(line) else { return unit(text: line, messages: nil) }
            // Each line is read by its own shape, so a file of any JSONL format groups correctly.
            if value["contents"] != nil {
                return unit(text: line, messages: VertexLineChecker.check(value, line: number, file: "").1?.messages)
            }
            if value["messages"] != nil {
                return unit(text: line, messages: OpenAILineChecker.check(value, line: number, file: "").1?.messages)
            }
            return unit(text: line, messages: pairMessages(value["input_text"]?.string, value["output_text"]?.string))
        }
    }

    private static func pairMessages(_ input: String?, _ output: String?) -> [InspectedMessage]? {
        guard let input, let output else { return nil }
        return [
            InspectedMessage(role: .user, writtenRole: "user", text: input, name: nil, weight: nil, number: 1),
            InspectedMessage(
                role: .assistant, writtenRole: "assistant", text: output, name: nil, weight: nil, number: 2),
        ]
    }

    private static func unit(text: String, messages: [InspectedMessage]?) -> SplitUnit {
        guard let messages, !messages.isEmpty else {
            var identity = TextKey()
            identity.addNormalized(text)
            return SplitUnit(
                text: text, opening: TextNormalization.normalize(text), identity: identity,
                dialogue: TextNormalization.wordHashes(text))
        }
        let example = InspectedExample(line: 0, hasErrors: false, messages: messages)
        return SplitUnit(text: text, opening: example.opening, identity: example.identity, dialogue: example.dialogue)
    }

    /// Groups of unit indexes that must stay together, in order of first appearance.
    static func groups(_ units: [SplitUnit]) -> [[Int]] {
        var parent = Array(units.indices)
        func find(_ index: Int) -> Int {
            var root = index
            while parent[root] != root { root = parent[root] }
            var node = index
            while parent[node] != root {
                let next = parent[node]
                parent[node] = root
                node = next
            }
            return root
        }
        func union(_ a: Int, _ b: Int) {
            let (rootA, rootB) = (find(a), find(b))
            if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
        }
        var byOpening: [String: Int] = [:]
        var byIdentity: [TextKey: Int] = [:]
        for (index, unit) in units.enumerated() {
            if let other = byOpening[unit.opening] { union(index, other) } else { byOpening[unit.opening] = index }
            if let other = byIdentity[unit.identity] { union(index, other) } else { byIdentity[unit.identity] = index }
        }
        for pair in NearDuplicates.pairs(units.map(\.dialogue)) { union(pair.first, pair.second) }
        var members: [Int: [Int]] = [:]
        var roots: [Int] = []
        for index in units.indices {
            let root = find(index)
            if members[root] == nil { roots.append(root) }
            members[root, default: []].append(index)
        }
        return roots.map { members[$0]! }
    }
}
