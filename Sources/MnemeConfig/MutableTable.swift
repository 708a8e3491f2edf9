/// The parser's working tree: tables are shared references while headers and dotted keys add to them,
/// then frozen into ``TOMLTable`` values.
final class MutableTable {
    enum Entry {
        case value(TOMLNode)
        case table(MutableTable)
        case tableArray([MutableTable], line: Int)

        var line: Int {
            switch self {
            case .value(let node): node.line
            case .table(let table): table.line
            case .tableArray(_, let line): line
            }
        }
    }

    var entries: [(key: String, entry: Entry)] = []
    var line: Int
    /// Defined by its own `[header]` (a second header is an error).
    var defined: Bool
    /// Written inline (`{…}`): closed to additions.
    let isInline: Bool
    /// Created by a dotted key (`a.b = 1`).
    let isDotted: Bool

    init(line: Int, defined: Bool = false, inline: Bool = false, dotted: Bool = false) {
        self.line = line
        self.defined = defined
        self.isInline = inline
        self.isDotted = dotted
    }

    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }?.entry
    }

    func set(_ key: String, _ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].entry = entry
        } else {
            entries.append((key, entry))
        }
    }

    func freeze() -> TOMLTable {
        var table = TOMLTable()
        for (key, entry) in entries {
            switch entry {
            case .value(let node):
                table.set(key, node)
            case .table(let child):
                table.set(key, TOMLNode(.table(child.freeze()), line: child.line))
            case .tableArray(let elements, let line):
                let nodes = elements.map { TOMLNode(.table($0.freeze()), line: $0.line) }
                table.set(key, TOMLNode(.array(nodes), line: line))
            }
        }
        return table
    }
}
