import Foundation

/// Reading and writing the `input,output` CSV format (RFC 4180: fields with a comma, a quote, a
/// line break or surrounding spaces are quoted, quotes are doubled; a quoted field may span lines).
enum CSVTable {
    static let header = "input,output"

    /// One record, with the line it starts on.
    struct Row: Sendable {
        let line: Int
        let fields: [String]
    }

    /// A parsed table: its records after the header row, and the problems found.
    struct Parsed: Sendable {
        var rows: [Row] = []
        var problems: [DatasetProblem] = []
    }

    /// One record's text (without the line break).
    static func record(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",")
    }

    static func quote(_ field: String) -> String {
        let needsQuotes =
            field.isEmpty
            || field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Parses a whole text. The first record must be the header `input,output` (any case);
    /// blank lines are skipped.
    static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        var records: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var quotedField = false
        var line = 1
        var recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            quotedField = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Row(line: recordLine, fields: fields)) }
            fields = []
        }

        while let scalar = pending {
            pending = scalars.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = scalars.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !quotedField:
                inQuotes = true
                quotedField = true
            case "\"":
                parsed.problems.append(DatasetProblem(line: line, message: "a quote inside an unquoted field"))
                field.append(scalar)
            case ",": endField()
            case "\r" where pending == "\n": break
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                if quotedField {
                    parsed.problems.append(DatasetProblem(line: line, message: "text after a closing quote"))
                    quotedField = false
                }
                field.append(scalar)
            }
        }
        if inQuotes {
            parsed.problems.append(DatasetProblem(line: recordLine, message: "a quoted field is never closed"))
        } else if !field.isEmpty || !fields.isEmpty || quotedField {
            endRecord()
        }

        guard let first = records.first else {
            parsed.problems.append(
                DatasetProblem(line: 1, message: "the file is empty (expected the header input,output)"))
            return parsed
        }
        if first.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) != ["input", "output"] {
            parsed.problems.append(
                DatasetProblem(line: first.line, message: "the first row must be the header input,output"))
            return parsed
        }
        parsed.rows = Array(records.dropFirst())
        return parsed
    }
}
