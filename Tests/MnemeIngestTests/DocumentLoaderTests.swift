import Foundation
import Testing

@testable import MnemeIngest

@Suite struct DocumentLoaderTests {
    @Test func latin1FileFallsBackAndSaysSo() throws {
        let document = try DocumentLoader().load(contentsOf: Fixtures.url("latin1.txt"))
        #expect(document.encoding == .latin1)
        #expect(document.format == .plainText)
        #expect(document.title == "latin1")
        #expect(
            document.blocks.map(\.text) == [
                "Café menu – Frühstück",
                "The “special” costs 12 € and comes with crème brûlée.\nSeñor Muñoz says it’s the best in town.",
            ])
        expectRangesConsistent(document)
    }

    @Test func binaryFileIsSkippedWithItsKind() throws {
        let error = try #require(skipReason(try Fixtures.url("pixel.png")))
        #expect(error.code == .unsupportedFormat)  // by extension first
        try withTemporaryDirectory { directory in
            let disguised = directory.appending(path: "notes.txt")
            try FileManager.default.copyItem(at: Fixtures.url("pixel.png"), to: disguised)
            let binary = try #require(skipReason(disguised))
            #expect(binary.code == .binary)
            #expect(binary.message.contains("PNG image"))
            let nul = directory.appending(path: "data")
            try Data([0x41, 0x42, 0x00, 0x43]).write(to: nul)
            #expect(skipReason(nul)?.code == .binary)
        }
    }

    @Test func emptyAndBlankFilesAreSkippedAsEmpty() throws {
        try withTemporaryDirectory { directory in
            for (name, content) in [("empty.txt", ""), ("blank.md", " \n\n\t\n"), ("markup.html", "<p> </p><!-- -->")] {
                let url = directory.appending(path: name)
                try Data(content.utf8).write(to: url)
                let error = try #require(skipReason(url))
                #expect(error.code == .empty, "\(name)")
                #expect(error.message.hasPrefix("empty"), "\(name)")
            }
        }
    }

    @Test func oversizedFileIsSkippedBeforeReading() throws {
        try withTemporaryDirectory { directory in
            // A sparse 64 GiB file: reading it would exhaust memory, so skipping proves it was not read.
            let url = directory.appending(path: "huge.txt")
            #expect(FileManager.default.createFile(atPath: url.path, contents: Data("start".utf8)))
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 64 << 30)
            try handle.close()
            let error = try #require(skipReason(url))
            #expect(error.code == .tooLarge)
            #expect(error.message.contains("\(Int64(64) << 30) bytes"))

            let small = directory.appending(path: "small.txt")
            try Data(repeating: UInt8(ascii: "a"), count: 2048).write(to: small)
            let tight = DocumentLoader(configuration: .init(maxFileSize: 1024))
            #expect(skipReason(small, loader: tight)?.code == .tooLarge)
            #expect(
                try DocumentLoader(configuration: .init(maxFileSize: 2048)).load(contentsOf: small).text.count
                    == 2048)
        }
    }

    @Test func unreadableFileIsSkipped() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "secret.md")
            try Data("# Secret\ntext".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: url.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path) }
            if isRoot {
                // root bypasses file permissions, so chmod 000 cannot make the file unreadable here.
                #expect(try DocumentLoader().load(contentsOf: url).title == "Secret")
            } else {
                let error = try #require(skipReason(url))
                #expect(error.code == .unreadable)
                #expect(error.message.contains("secret.md"))
            }
        }
    }

    @Test func missingFilesDirectoriesAndUnknownFormats() throws {
        try withTemporaryDirectory { directory in
            #expect(skipReason(directory.appending(path: "nope.md"))?.code == .notFound)
            let folder = directory.appending(path: "folder.md")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            #expect(skipReason(folder)?.code == .notRegularFile)
            let docx = directory.appending(path: "report.docx")
            try Data("PK\u{3}\u{4}".utf8).write(to: docx)
            let error = try #require(skipReason(docx))
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("'.docx'"))
        }
    }

    @Test func symlinksAreFollowedButKeepTheirURL() throws {
        try withTemporaryDirectory { directory in
            let target = directory.appending(path: "real.md")
            try Data("# Real\nbody".utf8).write(to: target)
            let link = directory.appending(path: "link.md")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            let document = try DocumentLoader().load(contentsOf: link)
            #expect(document.title == "Real")
            #expect(document.uri == link)
        }
    }

    @Test func extensionlessFilesAreSniffed() throws {
        try withTemporaryDirectory { directory in
            let html = directory.appending(path: "INDEX")
            try Data("\n<!DOCTYPE html><title>T</title><p>Hi &amp; bye".utf8).write(to: html)
            let page = try DocumentLoader().load(contentsOf: html)
            #expect(page.format == .html)
            #expect(page.blocks.map(\.text) == ["Hi & bye"])
            let readme = directory.appending(path: "README")
            try Data("# not markdown here\n\nplain".utf8).write(to: readme)
            let text = try DocumentLoader().load(contentsOf: readme)
            #expect(text.format == .plainText)
            #expect(text.blocks.map(\.text) == ["# not markdown here", "plain"])
        }
    }

    @Test func skipReasonsDescribeThemselves() {
        let error = LoadError(code: .binary, message: "x.bin looks like binary data")
        #expect(error.description == "binary: x.bin looks like binary data")
        #expect(LoadError.Code.tooLarge.description == "too-large")
        #expect(LoadError.Code.tooLarge != .empty)
    }
}
