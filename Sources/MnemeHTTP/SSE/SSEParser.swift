/// An incremental parser for `text/event-stream`, following the WHATWG HTML "server-sent events"
/// interpretation rules.
///
/// Feed byte chunks as they arrive, in any split; events come out once their terminating blank line
/// has been seen. Handles CR, LF and CRLF line ends (also a CR at the end of one chunk followed by
/// LF at the start of the next), a UTF-8 BOM at the start, comments, fields without a colon, one
/// space after the colon, multi-line data, `id` persistence and `retry`.
///
/// ```swift
/// var parser = SSEParser()
/// for event in parser.parse(Array("event: ping\ndata: {}\n\n".utf8)) {
///     print(event.event, event.data)  // "ping {}"
/// }
/// if parser.finish() == .midEvent { /* the stream was cut inside an event */ }
/// ```
///
/// As the spec requires, an event not followed by a blank line when the stream ends is discarded;
/// ``finish()`` reports whether that happened.
public struct SSEParser: Sendable {
    /// How a stream ended, as reported by ``finish()``.
    public enum EndOfStream: Sendable, Hashable {
        /// Between events (only comments or nothing after the last blank line).
        case clean
        /// Inside an event: a partial line or fields without their terminating blank line were discarded.
        case midEvent
    }

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var line: [UInt8] = []
    private var skipLineFeed = false
    /// Bytes seen while deciding whether the stream starts with a BOM; `nil` once decided.
    private var bomCandidate: [UInt8]? = []
    private var data: [UInt8] = []
    private var eventType = ""
    private var lastEventID = ""
    private var blockRetry: Int?
    private var blockHasFields = false

    /// The most recent valid `retry:` value in milliseconds (the reconnection time), if any.
    public private(set) var reconnectionTime: Int?

    /// Creates a parser at the start of a stream.
    public init() {}

    /// Whether the bytes fed so far end inside an event (a partial line, or fields not yet dispatched).
    public var isMidEvent: Bool {
        !line.isEmpty || blockHasFields || !(bomCandidate?.isEmpty ?? true)
    }

    /// Feeds the next chunk; returns the events it completes, in order.
    public mutating func parse(_ bytes: [UInt8]) -> [SSEEvent] {
        bytes.withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// Feeds the next chunk; returns the events it completes, in order.
    public mutating func parse(_ bytes: ArraySlice<UInt8>) -> [SSEEvent] {
        bytes.withUnsafeBufferPointer { parse(buffer: $0) }
    }

    /// Feeds the next chunk; returns the events it completes, in order.
    public mutating func parse(buffer: UnsafeBufferPointer<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        var input = buffer[...]
        if var candidate = bomCandidate {
            while candidate.count < 3, let byte = input.first {
                candidate.append(byte)
                input = input.dropFirst()
                if byte != Self.byteOrderMark[candidate.count - 1] { break }
            }
            if candidate == Self.byteOrderMark {
                bomCandidate = nil
            } else if Self.byteOrderMark.starts(with: candidate) {
                bomCandidate = candidate  // still undecided: need more bytes
                return events
            } else {
                bomCandidate = nil
                candidate.withUnsafeBufferPointer { consume($0[...], into: &events) }
            }
        }
        consume(input, into: &events)
        return events
    }

    /// Ends the stream: discards an undispatched event and reports whether there was one. The parser
    /// is then ready for a new stream (a reconnection); the last event ID and reconnection time are kept.
    public mutating func finish() -> EndOfStream {
        if let candidate = bomCandidate, !candidate.isEmpty, candidate != Self.byteOrderMark {
            // A lone "\xEF" or "\xEF\xBB" at the end is a partial line, not a BOM.
            line = candidate
        }
        let end: EndOfStream = isMidEvent ? .midEvent : .clean
        line = []
        skipLineFeed = false
        bomCandidate = []
        data = []
        eventType = ""
        blockRetry = nil
        blockHasFields = false
        return end
    }

    private mutating func consume(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, into events: inout [SSEEvent]) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            if skipLineFeed {
                skipLineFeed = false
                if bytes[index] == Self.lineFeed {
                    index += 1
                    continue
                }
            }
            var terminator = index
            while terminator < end, bytes[terminator] != Self.lineFeed, bytes[terminator] != Self.carriageReturn {
                terminator += 1
            }
            line.append(contentsOf: bytes[index..<terminator])
            guard terminator < end else { return }
            skipLineFeed = bytes[terminator] == Self.carriageReturn
            processLine(into: &events)
            index = terminator + 1
        }
    }

    private mutating func processLine(into events: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == Self.colon { return }  // comment
        blockHasFields = true
        let name: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colonIndex = line.firstIndex(of: Self.colon) {
            name = line[..<colonIndex]
            value = line[(colonIndex + 1)...]
            if value.first == Self.space { value = value.dropFirst() }
        } else {
            name = line[...]
            value = []
        }
        switch String(decoding: name, as: UTF8.self) {
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "data":
            data.append(contentsOf: value)
            data.append(Self.lineFeed)
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let milliseconds = Int(String(decoding: value, as: UTF8.self))
            {
                reconnectionTime = milliseconds
                blockRetry = milliseconds
            }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            eventType = ""
            blockRetry = nil
            blockHasFields = false
        }
        guard !data.isEmpty else { return }
        data.removeLast()  // the line feed after the last data line
        events.append(
            SSEEvent(
                event: eventType.isEmpty ? "message" : eventType,
                data: String(decoding: data, as: UTF8.self),
                id: lastEventID,
                retry: blockRetry))
    }
}
