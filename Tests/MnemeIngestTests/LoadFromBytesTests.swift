import Foundation
import Testing

@testable import MnemeIngest

/// ``DocumentLoader/load(_:contentsOf:)``: the indexer hands over bytes it read and hashed, and
/// must get what loading the file itself gives.
@Suite struct LoadFromBytesTests {
    private func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    @Test func bytesLoadLikeTheFileForEveryTextFormat() throws {
        for name in ["guide.md", "latin1.txt", "wiki.html"] {
            let url = try Fixtures.url(name)
            let fromFile = try DocumentLoader().load(contentsOf: url)
            let fromBytes = try DocumentLoader().load(bytes(url), contentsOf: url)
            #expect(fromBytes == fromFile, "\(name)")
        }
        try withTemporaryDirectory { directory in
            // No extension: sniffed from the bytes, as from the file.
            let url = directory.appending(path: "README")
            try Data("<!doctype html><title>Notes</title><p>Hello there</p>".utf8).write(to: url)
            let fromBytes = try DocumentLoader().load(bytes(url), contentsOf: url)
            #expect(fromBytes == (try DocumentLoader().load(contentsOf: url)))
            #expect(fromBytes.format == .html && fromBytes.title == "Notes")
        }
    }

    @Test func badBytesGiveTheSameReasonsAsTheFile() throws {
        try withTemporaryDirectory { directory in
            let cases: [(String, [UInt8], LoadError.Code)] = [
                ("empty.md", [], .empty),
                ("blank.md", Array(" \n\n\t\n".utf8), .empty),
                ("nul.txt", [0x41, 0x00, 0x42], .binary),
                ("photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .unsupportedFormat),
            ]
            for (name, content, code) in cases {
                let url = directory.appending(path: name)
                try Data(content).write(to: url)
                do {
                    _ = try DocumentLoader().load(content, contentsOf: url)
                    Issue.record("\(name) loaded")
                } catch let error as LoadError {
                    #expect(error.code == code, "\(name): \(error)")
                    #expect(skipReason(url)?.code == code, "\(name) read from the file")
                }
            }
        }
    }

    @Test func bytesOverTheLimitAreRejected() throws {
        let url = try Fixtures.url("guide.md")
        let loader = DocumentLoader(configuration: .init(maxFileSize: 16))
        let content = try bytes(url)
        do {
            _ = try loader.load(content, contentsOf: url)
            Issue.record("loaded bytes over the limit")
        } catch {
            #expect(error.code == .tooLarge)
        }
    }
}
