import ArgumentParser
import Foundation

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
            let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer = Data(buffer) + chunk }
        }
    }

    /// The next `count` lines at most (fewer only at the end).
    mutating func next(batch count: Int) throws -> [(number: Int, text: String)] {
        var lines: [(number: Int, text: String)] = []
        while lines.count < count, let line = try next() { lines.append(line) }
        return lines
    }
}
