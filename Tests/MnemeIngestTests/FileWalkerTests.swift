import Foundation
import Testing

@testable import MnemeIngest

@Suite struct FileWalkerTests {
    @Test func sizesAndTimesAreFoundationsAndLinkedFilesArePassedOver() throws {
        try withTemporaryDirectory { directory in
            let folder = directory.appending(path: "docs")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let times = [1_700_000_000.123_456, 1_600_000_000.5, 1_234_567_890.999_999]
            for (index, time) in times.enumerated() {
                let url = folder.appending(path: "f\(index).md")
                try Data(repeating: 0x61, count: index * 100 + 1).write(to: url)
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSince1970: time)], ofItemAtPath: url.path)
            }
            try FileManager.default.createSymbolicLink(
                atPath: folder.appending(path: "link.md").path,
                withDestinationPath: folder.appending(path: "f0.md").path)

            let walker = FileWalker(roots: [folder.path])
            #expect(
                walker.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["f0.md", "f1.md", "f2.md"])
            for file in walker.files {
                let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
                #expect(file.size == (attributes[.size] as? NSNumber)?.int64Value)
                #expect(file.modifiedAt == attributes[.modificationDate] as? Date, "\(file.path)")
            }
            #expect(walker.problems.isEmpty)
            // Named explicitly, a link to a file is reported, as before.
            let explicit = FileWalker(roots: [folder.appending(path: "link.md").path])
            #expect(explicit.files.isEmpty && explicit.problems.map(\.reason) == ["not a regular file"])
        }
    }
}
