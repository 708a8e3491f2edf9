import ArgumentParser
import Foundation
import MnemeTuning

/// Files, formats and dates for the `tune` subcommands.
enum TuneFiles {
    /// The text of a file, or of standard input for `-`.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("Cannot read \(path): no such file, or permission denied.")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path) is not UTF-8 text.")
        }
        return text
    }

    /// Writes `text` to a file (replacing it atomically), or to standard output for `-`.
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            Output.write(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ValidationError("Cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// The format named on the command line, or guessed from the file's first line.
    static func format(_ name: String?, text: String) throws -> DatasetFormat {
        if let name {
            guard let format = DatasetFormat(name: name) else {
                throw ValidationError("Unknown format '\(name)': use openai, vertex, instruction or csv.")
            }
            return format
        }
        guard let format = DatasetFormat.detect(text) else {
            throw ValidationError("Cannot tell the file's format: give --format openai|vertex|instruction|csv.")
        }
        return format
    }

    /// A date (`2026-02-01`, in UTC) or a time (`2026-02-01T08:00:00Z`). A date given as the end
    /// of a range includes its whole day.
    static func date(_ text: String, endOfDay: Bool = false) throws -> Date {
        let time = ISO8601DateFormatter()
        if let date = time.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        guard let date = day.date(from: text) else {
            throw ValidationError("'\(text)' is not a date (2026-02-01) or an ISO-8601 time (2026-02-01T08:00:00Z).")
        }
        return endOfDay ? date.addingTimeInterval(86_400) : date
    }
}
