import Foundation

/// A strict `multipart/form-data` parser for the stubs: it finds the boundary in the
/// `Content-Type` header and splits the body into parts, failing on anything malformed, so a test
/// proves the client built the body correctly.
public struct MultipartPart: Sendable, Hashable {
    /// The `name` of `Content-Disposition`.
    public var name: String
    /// The `filename`, for file parts.
    public var filename: String?
    /// The part's `Content-Type`, if given.
    public var contentType: String?
    /// The content.
    public var data: [UInt8]

    /// The content as UTF-8 text.
    public var text: String { String(decoding: data, as: UTF8.self) }
}

enum MultipartParser {
    /// The parts, or a message saying what is wrong.
    static func parse(body: [UInt8], contentType: String?) -> Result<[MultipartPart], MultipartFailure> {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let range = contentType.range(of: "boundary=")
        else { return .failure(MultipartFailure("Content-Type is not multipart/form-data with a boundary")) }
        var boundary = String(contentType[range.upperBound...])
        if let end = boundary.firstIndex(of: ";") { boundary = String(boundary[..<end]) }
        boundary = boundary.trimmingCharacters(in: ["\""])
        let delimiter = Array("--\(boundary)".utf8)
        guard starts(body, at: 0, with: delimiter + Array("\r\n".utf8)) else {
            return .failure(MultipartFailure("the body does not start with the boundary"))
        }
        var parts: [MultipartPart] = []
        var position = delimiter.count + 2
        let separator = Array("\r\n".utf8) + delimiter
        while true {
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: position) else {
                return .failure(MultipartFailure("a part has no blank line after its headers"))
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            guard let contentEnd = find(separator, in: body, from: headerEnd + 4) else {
                return .failure(MultipartFailure("a part is not closed by the boundary"))
            }
            guard let part = part(headers: headers, data: Array(body[(headerEnd + 4)..<contentEnd])) else {
                return .failure(MultipartFailure("a part has no Content-Disposition: form-data; name=…"))
            }
            parts.append(part)
            position = contentEnd + separator.count
            if starts(body, at: position, with: Array("--\r\n".utf8)) || starts(body, at: position, with: [45, 45]) {
                return .success(parts)
            }
            guard starts(body, at: position, with: Array("\r\n".utf8)) else {
                return .failure(MultipartFailure("a boundary is followed by neither CRLF nor --"))
            }
            position += 2
        }
    }

    private static func part(headers: String, data: [UInt8]) -> MultipartPart? {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                guard lower.contains("form-data") else { return nil }
                name = parameter("name", in: String(line))
                filename = parameter("filename", in: String(line))
            } else if lower.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name else { return nil }
        return MultipartPart(name: name, filename: filename, contentType: contentType, data: data)
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(key)=\"") else { continue }
            return String(trimmed.dropFirst(key.count + 2).dropLast())
        }
        return nil
    }

    private static func starts(_ bytes: [UInt8], at position: Int, with prefix: [UInt8]) -> Bool {
        position + prefix.count <= bytes.count && Array(bytes[position..<(position + prefix.count)]) == prefix
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}

/// Why a multipart body was rejected.
struct MultipartFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
