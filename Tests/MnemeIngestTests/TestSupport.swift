import Foundation
import Testing

@testable import MnemeIngest

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        let dot = name.lastIndex(of: ".")!
        let base = String(name[..<dot])
        let ext = String(name[name.index(after: dot)...])
        return try #require(Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures"))
    }
}

/// A fresh directory under the system temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appending(path: "mneme-ingest-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Loads through ``DocumentLoader`` and returns the skip reason, failing the test if it loaded.
func skipReason(
    _ url: URL, loader: DocumentLoader = DocumentLoader(), sourceLocation: SourceLocation = #_sourceLocation
) -> LoadError? {
    do {
        let document = try loader.load(contentsOf: url)
        Issue.record("expected a skip, loaded \(document.title)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Checks that every range in the document points at exactly the text it claims.
func expectRangesConsistent(_ document: LoadedDocument, sourceLocation: SourceLocation = #_sourceLocation) {
    var previousEnd = 0
    for section in document.sections {
        if let range = section.headingRange {
            #expect(String(document.text(in: range)) == section.headingPath.last, sourceLocation: sourceLocation)
            #expect(range.lowerBound >= previousEnd, sourceLocation: sourceLocation)
            previousEnd = range.upperBound
        }
        for block in section.blocks {
            #expect(String(document.text(in: block.range)) == block.text, sourceLocation: sourceLocation)
            #expect(block.range.lowerBound >= previousEnd, sourceLocation: sourceLocation)
            previousEnd = block.range.upperBound
        }
    }
    #expect(previousEnd == document.text.unicodeScalars.count, sourceLocation: sourceLocation)
}

let isRoot = getuid() == 0

/// A seeded generator (SplitMix64), so random inputs reproduce.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
