import Foundation
import Testing

@testable import MnemeIngest

/// Serialized: these tests write shell scripts and then run them; a fork in a parallel test could inherit
/// the still-open write descriptor and make `exec` fail with ETXTBSY ("text file busy").
@Suite(.serialized) struct PDFLoaderTests {
    @Test(.enabled(if: PDFLoader.isAvailable, "pdftotext (poppler-utils) is not installed"))
    func pagesBecomeSectionsWithPageNumbers() throws {
        let document = try DocumentLoader().load(contentsOf: Fixtures.url("two-pages.pdf"))
        #expect(document.format == .pdf)
        #expect(document.title == "two-pages")
        #expect(document.sections.map(\.page) == [1, 2])
        #expect(document.sections.allSatisfy { $0.headingPath.isEmpty })
        #expect(
            document.sections[0].blocks.map(\.text) == [
                "Lumen Beacon Quick Start",
                "Charge the beacon for two hours before first use.\nThe status light blinks amber while pairing.",
            ])
        #expect(document.sections[1].blocks.first?.text == "Troubleshooting")
        #expect(document.text.contains("Support answers within 8 business hours."))
        expectRangesConsistent(document)
    }

    @Test(.enabled(if: PDFLoader.isAvailable, "pdftotext (poppler-utils) is not installed"))
    func extensionlessPDFIsSniffed() throws {
        try withTemporaryDirectory { directory in
            let copy = directory.appending(path: "manual")
            try FileManager.default.copyItem(at: Fixtures.url("two-pages.pdf"), to: copy)
            #expect(try DocumentLoader().load(contentsOf: copy).sections.count == 2)
        }
    }

    @Test(.enabled(if: PDFLoader.isAvailable, "pdftotext (poppler-utils) is not installed"))
    func damagedPDFFailsWithAReason() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "broken.pdf")
            try Data("%PDF-1.4\nthis is not a pdf body".utf8).write(to: url)
            let error = try #require(skipReason(url))
            #expect(error.code == .pdftotextFailed)
            #expect(error.message.contains("broken.pdf"))
        }
    }

    @Test func missingConverterIsASkipWithTheInstallHint() throws {
        let pdf = PDFLoader(executable: URL(filePath: "/nonexistent/bin/pdftotext"))
        let loader = DocumentLoader(configuration: .init(pdf: pdf))
        let error = try #require(skipReason(try Fixtures.url("two-pages.pdf"), loader: loader))
        #expect(error.code == .pdftotextMissing)
        #expect(error.message.hasPrefix("pdftotext not installed (apt-get install poppler-utils)"))
    }

    @Test func locateFindsAnExecutableInPath() throws {
        try withTemporaryDirectory { directory in
            #expect(
                PDFLoader.locatePDFToText(environment: ["PATH": directory.path])
                    == PDFLoader.locatePDFToText(
                        environment: ["PATH": ""]))
            let tool = directory.appending(path: "pdftotext")
            try Data("#!/bin/sh\n".utf8).write(to: tool)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
            #expect(PDFLoader.locatePDFToText(environment: ["PATH": directory.path]) == tool)
        }
    }

    @Test func hangingConverterIsStoppedAtTheTimeout() throws {
        try withTemporaryDirectory { directory in
            let tool = directory.appending(path: "slow-pdftotext")
            try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: tool)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
            let pdf = PDFLoader(executable: tool, timeout: .milliseconds(300))
            let error = try #require(
                skipReason(
                    try Fixtures.url("two-pages.pdf"),
                    loader: DocumentLoader(configuration: .init(pdf: pdf))))
            #expect(error.code == .timeout)
        }
    }

    @Test func converterFailureReportsItsStandardError() throws {
        try withTemporaryDirectory { directory in
            let tool = directory.appending(path: "failing-pdftotext")
            try Data("#!/bin/sh\necho 'Syntax Error: broken xref' >&2\nexit 1\n".utf8).write(to: tool)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
            let error = try #require(
                skipReason(
                    try Fixtures.url("two-pages.pdf"),
                    loader: DocumentLoader(configuration: .init(pdf: PDFLoader(executable: tool)))))
            #expect(error.code == .pdftotextFailed)
            #expect(error.message.contains("Syntax Error: broken xref"))
        }
    }

    @Test func outputWithoutTextIsEmpty() throws {
        try withTemporaryDirectory { directory in
            let tool = directory.appending(path: "blank-pdftotext")
            try Data("#!/bin/sh\nprintf '\\f  \\f'\n".utf8).write(to: tool)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
            let error = try #require(
                skipReason(
                    try Fixtures.url("two-pages.pdf"),
                    loader: DocumentLoader(configuration: .init(pdf: PDFLoader(executable: tool)))))
            #expect(error.code == .empty)
        }
    }
}
