import Foundation
import Testing

/// Loads a `word<TAB>stem` golden fixture from the test bundle (`#` lines are comments).
enum FixtureLoader {
    struct Pair: Sendable {
        let line: Int
        let word: String
        let stem: String
    }

    static func pairs(_ name: String) throws -> [Pair] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Fixtures"),
            "fixture \(name).tsv missing from the test bundle"
        )
        let text = try String(contentsOf: url, encoding: .utf8)
        var pairs: [Pair] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 2, "\(name).tsv line \(index + 1) is not word<TAB>stem")
            pairs.append(Pair(line: index + 1, word: String(fields[0]), stem: String(fields[1])))
        }
        return pairs
    }
}
