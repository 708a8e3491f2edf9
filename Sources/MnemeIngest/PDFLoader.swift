import Dispatch
public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads PDF text by running poppler's `pdftotext -layout -enc UTF-8 <file> -`.
///
/// Each page (pdftotext ends pages with a form feed) becomes a section with
/// ``DocumentSection/page`` set (1-based) and an empty heading path; paragraphs within a page are
/// split at blank lines. The title is the file name without its extension.
///
/// The converter runs with a timeout and a cap on its output; when it is missing, loading fails with
/// ``LoadError/Code/pdftotextMissing`` and the message
/// `"pdftotext not installed (apt-get install poppler-utils)"`.
///
/// ```swift
/// if PDFLoader.isAvailable {
///     let document = try PDFLoader().load(contentsOf: URL(filePath: "/docs/manual.pdf"))
///     print(document.sections.map(\.page))
/// }
/// ```
public struct PDFLoader: Sendable {
    /// The `pdftotext` executable; `nil` means "search `PATH`" (then `/usr/bin`, `/usr/local/bin`,
    /// `/opt/homebrew/bin`).
    public var executable: URL?
    /// How long `pdftotext` may run before it is stopped and the file skipped.
    public var timeout: Duration
    /// The most text accepted from `pdftotext`, in bytes; larger output fails the file.
    public var maxOutputBytes: Int

    /// Creates a PDF loader.
    public init(executable: URL? = nil, timeout: Duration = .seconds(60), maxOutputBytes: Int = 256 << 20) {
        self.executable = executable
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
    }

    /// Whether a `pdftotext` executable can be found on this machine.
    public static var isAvailable: Bool { locatePDFToText() != nil }

    /// Finds `pdftotext` in `PATH` or the usual install locations.
    public static func locatePDFToText(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        directories += ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = URL(filePath: directory).appending(path: "pdftotext")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Converts the PDF at `url` and returns it as a document with one section per page.
    public func load(contentsOf url: URL) throws(LoadError) -> LoadedDocument {
        let output = try run(on: url)
        var builder = DocumentBuilder()
        var pages = output.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        if let last = pages.last, last.allSatisfy(\.isWhitespace) { pages.removeLast() }
        for (index, page) in pages.enumerated() {
            builder.page(index + 1)
            for paragraph in TextLoader.paragraphs(String(page)) { builder.block(paragraph) }
        }
        guard builder.hasBlocks,
            let document = builder.build(
                title: TextLoader.fileTitle(url), uri: url, format: .pdf, encoding: .converted)
        else {
            throw LoadError(
                code: .empty,
                message: "empty: \(url.path) has no extractable text (a scanned PDF without a text layer?)"
            )
        }
        return document
    }

    /// Runs pdftotext and returns its standard output as text.
    func run(on url: URL) throws(LoadError) -> String {
        guard let executable = executable ?? Self.locatePDFToText() else {
            throw LoadError(code: .pdftotextMissing, message: LoadError.pdftotextHint)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-layout", "-enc", "UTF-8", url.path, "-"]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw LoadError(
                code: .pdftotextMissing,
                message: "\(LoadError.pdftotextHint): cannot run \(executable.path): \(error.localizedDescription)"
            )
        }

        let out = OutputCollector(limit: maxOutputBytes)
        let err = OutputCollector(limit: 64 << 10)
        let readers = DispatchGroup()
        let outHandle = stdout.fileHandleForReading
        let errHandle = stderr.fileHandleForReading
        DispatchQueue.global().async(group: readers) { out.drain(outHandle) }
        DispatchQueue.global().async(group: readers) { err.drain(errHandle) }

        let components = timeout.components
        let nanos = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        var timedOut = false
        if finished.wait(timeout: .now() + .nanoseconds(Int(clamping: nanos))) == .timedOut {
            timedOut = true
            // SIGKILL, not SIGTERM: pdftotext has nothing to clean up, and SIGTERM can be inherited as
            // ignored from the parent (it was under the test runner), leaving the child running.
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        readers.wait()

        if timedOut {
            throw LoadError(
                code: .timeout, message: "pdftotext did not finish \(url.path) within \(timeout); it was stopped")
        }
        if out.overflowed {
            throw LoadError(
                code: .pdftotextFailed,
                message: "pdftotext produced more than \(maxOutputBytes) bytes of text for \(url.path)")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let detail = String(decoding: err.data, as: UTF8.self)
                .split(separator: "\n").prefix(3).joined(separator: "; ")
            throw LoadError(
                code: .pdftotextFailed,
                message: "pdftotext failed on \(url.path) (status \(process.terminationStatus))"
                    + (detail.isEmpty ? "" : ": \(detail.prefix(300))")
                    + ". The PDF may be damaged or password-protected."
            )
        }
        return TextDecoder.normalizeNewlines(String(decoding: out.data, as: UTF8.self))
    }
}

/// Collects a pipe's output up to a limit, draining (and discarding) the rest so the child never blocks.
private final class OutputCollector: Sendable {
    private struct State {
        var data = Data()
        var overflowed = false
    }

    private let state = Mutex(State())
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    var data: Data { state.withLock { $0.data } }
    var overflowed: Bool { state.withLock { $0.overflowed } }

    func drain(_ handle: FileHandle) {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return }
            state.withLock { state in
                if state.data.count + chunk.count > limit {
                    state.overflowed = true
                } else if !state.overflowed {
                    state.data.append(chunk)
                }
            }
        }
    }
}
