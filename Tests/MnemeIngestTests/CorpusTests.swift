import Foundation
import Testing

@testable import MnemeIngest

/// The sample handbook lives in `corpora/handbook` at the package root (two levels above this file's
/// folder). The suite is skipped if a checkout does not contain it.
private let handbook: URL? = {
    let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "corpora/handbook", directoryHint: .isDirectory)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

@Suite(.enabled(if: handbook != nil, "corpora/handbook not present"))
struct CorpusTests {
    func files() throws -> [URL] {
        let root = try #require(handbook)
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return enumerator.compactMap { $0 as? URL }
            .filter { !$0.hasDirectoryPath && $0.lastPathComponent != "QUESTIONS.md" }
            .sorted { $0.path < $1.path }
    }

    func load(_ relative: String) throws -> LoadedDocument {
        try DocumentLoader().load(contentsOf: #require(handbook).appending(path: relative))
    }

    @Test func everyHandbookFileLoadsWithConsistentRanges() throws {
        let files = try files()
        #expect(files.count >= 12)
        var formats = Set<DocumentFormat>()
        for url in files {
            let document = try DocumentLoader().load(contentsOf: url)
            formats.insert(document.format)
            #expect(document.encoding == .utf8, "\(url.lastPathComponent)")
            #expect(!document.title.isEmpty)
            #expect(!document.blocks.isEmpty, "\(url.lastPathComponent)")
            expectRangesConsistent(document)
        }
        #expect(formats == [.markdown, .html, .plainText])
    }

    @Test func wikiExportDropsScriptsAndStyles() throws {
        let document = try load("it/wifi-and-printers.html")
        #expect(document.title == "Office Wi-Fi & Printers – Lumen Wiki")
        for hidden in [
            "wikiAnalytics", "Tracking consent", "EXPORTED", "font-family", "Enable JavaScript",
            "Was this page helpful", "export-bot",
        ] {
            #expect(!document.text.contains(hidden), "\(hidden)")
        }
        #expect(
            document.sections.contains {
                $0.headingPath == [
                    "Office Wi-Fi & Printers", "Wi-Fi networks",
                    "Connecting a new laptop to Lumen-Staff",
                ]
            })
    }

    @Test func russianPagesKeepTheirStructure() throws {
        let document = try load("hr/otpusk.md")
        #expect(document.title == "Политика отпусков (белградский офис)")
        let paths = document.sections.map(\.headingPath)
        #expect(paths.contains(["Политика отпусков", "Перенос неиспользованного отпуска"]))
    }

    /// Every answer fact in QUESTIONS.md occurs in the loaded text of its answer file.
    @Test func questionFactsOccurInTheirAnswerFiles() throws {
        let root = try #require(handbook)
        let questions = try String(
            contentsOf: root.deletingLastPathComponent().appending(path: "handbook-questions.md"), encoding: .utf8)
        var checked = 0
        for line in questions.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 6, Int(cells[1]) != nil else { continue }
            let file = cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let document = try load(file)
            for fact in cells[4].components(separatedBy: " ; ") {
                #expect(document.text.contains(fact), "Q\(cells[1]): '\(fact)' not in \(file)")
            }
            checked += 1
        }
        #expect(checked == 20)
    }
}
