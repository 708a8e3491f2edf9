import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file (or standard input) line by line with line numbers, a chunk at a time, so a
/// large file never has to fit in memory. `\n` and `\r\n` both end a line.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var finished = false
    private(set) var lineNumber = 0

    /// Opens `path`, or standard input for `-`.
    init(path: String) throws {
        if path == "-" {
            handle = .standardInput
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ValidationError("Cannot read \(path): no such file, or permission denied.")
            }
            self.handle = handle
        }
    }

    /// The next line, or `nil` at the end. Invalid UTF-8 is replaced by U+FFFD.
    mutating func next() throws -> (number: Int, text: String)? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                lineNumber += 1
                return (lineNumber, String(decoding: line, as: UTF8.self))
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                let line = buffer
                buffer = Data()
                lineNumber += 1
                return (lineNumber, String(decoding: line, as: UTF8.self))
            }
            let chunk = try readChunk()
            if chunk.isEmpty { finished = true } else { buffer = Data(buffer) + chunk }
        }
    }

    /// What one `read(2)` returns: whatever is available, up to 64 KiB, so a line typed into
    /// a pipe is seen at once (`FileHandle.read(upToCount:)` waits for the whole count).
    private func readChunk() throws -> Data {
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = bytes.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(bytes[0..<count]) }
            if errno != EINTR { throw ValidationError("Cannot read the input: \(String(cString: strerror(errno))).") }
        }
    }

    /// The next `count` lines at most (fewer only at the end).
    mutating func next(batch count: Int) throws -> [(number: Int, text: String)] {
        var lines: [(number: Int, text: String)] = []
        while lines.count < count, let line = try next() { lines.append(line) }
        return lines
    }
}
