import Foundation
import MnemeHTTP
import Testing

@Suite("SSE parser")
struct SSEParserTests {
    // MARK: Helpers

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "sse", subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    enum LineEnding: String, CaseIterable, Sendable {
        case lf, crlf, cr
        func apply(_ bytes: [UInt8]) -> [UInt8] {
            switch self {
            case .lf: bytes
            case .crlf: bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            case .cr: bytes.map { $0 == 0x0A ? 0x0D : $0 }
            }
        }
    }

    static func parse(_ chunks: [ArraySlice<UInt8>]) -> ([SSEEvent], SSEParser.EndOfStream) {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for chunk in chunks { events += parser.parse(chunk) }
        return (events, parser.finish())
    }

    static let edgeCaseEvents = [
        SSEEvent(data: "first line\nsecond line", id: "1"),
        SSEEvent(event: "custom", data: "no-space\n two-spaces", id: "1"),
        SSEEvent(data: "", id: "1"),
        SSEEvent(data: "after-id\n", id: "2"),
        SSEEvent(data: "id-reset", id: ""),
    ]

    static func expectedEvents(for fixture: String) throws -> ([SSEEvent], SSEParser.EndOfStream) {
        switch fixture {
        case "spec-edge-cases":
            return (edgeCaseEvents, .midEvent)
        case "openai-chat-stream":
            let lines = String(decoding: try Self.fixture(fixture), as: UTF8.self)
                .split(separator: "\n").map { String($0.dropFirst("data: ".count)) }
            #expect(lines.count == 6)
            return (lines.map { SSEEvent(data: $0) }, .clean)
        case "anthropic-messages-stream":
            let lines = String(decoding: try Self.fixture(fixture), as: UTF8.self).split(separator: "\n")
            var events: [SSEEvent] = []
            for index in stride(from: 0, to: lines.count, by: 2) {
                events.append(
                    SSEEvent(
                        event: String(lines[index].dropFirst("event: ".count)),
                        data: String(lines[index + 1].dropFirst("data: ".count))))
            }
            #expect(events.count == 8)
            return (events, .clean)
        default:
            Issue.record("unknown fixture \(fixture)")
            return ([], .clean)
        }
    }

    // MARK: Every split

    @Test(arguments: ["spec-edge-cases", "openai-chat-stream", "anthropic-messages-stream"], LineEnding.allCases)
    func everySplitPositionYieldsTheSameEvents(fixture: String, ending: LineEnding) throws {
        let stream = ending.apply(try Self.fixture(fixture))
        let (expected, expectedEnd) = try Self.expectedEvents(for: fixture)

        let whole = Self.parse([stream[...]])
        #expect(whole.0 == expected)
        #expect(whole.1 == expectedEnd)

        for split in 0...stream.count {
            let result = Self.parse([stream[..<split], stream[split...]])
            #expect(result.0 == expected, "split at \(split)")
            #expect(result.1 == expectedEnd, "split at \(split)")
        }

        let byteByByte = Self.parse(stream.indices.map { stream[$0...$0] })
        #expect(byteByByte.0 == expected)
        #expect(byteByByte.1 == expectedEnd)

        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var cuts = (0..<Int.random(in: 2...8, using: &generator)).map { _ in
                Int.random(in: 0...stream.count, using: &generator)
            }
            cuts.sort()
            var chunks: [ArraySlice<UInt8>] = []
            var start = 0
            for cut in cuts + [stream.count] {
                chunks.append(stream[start..<cut])
                start = cut
            }
            #expect(Self.parse(chunks).0 == expected, "cuts \(cuts)")
        }
    }

    @Test func edgeCaseFixtureSetsReconnectionTime() throws {
        var parser = SSEParser()
        _ = parser.parse(try Self.fixture("spec-edge-cases"))
        #expect(parser.reconnectionTime == 1500)
        #expect(parser.isMidEvent)
    }

    // MARK: Line endings across chunks

    @Test func carriageReturnAtChunkEndThenLineFeedIsOneLineEnd() {
        var parser = SSEParser()
        var events = parser.parse(bytes("data: a\r"))
        events += parser.parse(bytes("\ndata: b\r"))
        events += parser.parse(bytes("\n\r"))
        events += parser.parse(bytes("\n"))
        #expect(events == [SSEEvent(data: "a\nb")])
        #expect(parser.finish() == .clean)
    }

    @Test func mixedLineEndingsInOneStream() {
        var parser = SSEParser()
        let events = parser.parse(bytes("data: 1\r\ndata: 2\rdata: 3\n\r\ndata: 4\r\r"))
        #expect(events == [SSEEvent(data: "1\n2\n3"), SSEEvent(data: "4")])
    }

    // MARK: BOM

    @Test func leadingByteOrderMarkIsSkippedEvenWhenSplit() {
        let stream: [UInt8] = [0xEF, 0xBB, 0xBF] + bytes("data: x\n\n")
        for split in 0...3 {
            var parser = SSEParser()
            let events = parser.parse(Array(stream[..<split])) + parser.parse(Array(stream[split...]))
            #expect(events == [SSEEvent(data: "x")], "split at \(split)")
        }
    }

    @Test func byteOrderMarkLaterInTheStreamIsNotSkipped() {
        var parser = SSEParser()
        let events = parser.parse(bytes("data: a\n\n") + [0xEF, 0xBB, 0xBF] + bytes("data: b\n\n"))
        #expect(events == [SSEEvent(data: "a")])  // "\u{FEFF}data" is an unknown field
    }

    @Test func partialByteOrderMarkIsData() {
        var parser = SSEParser()
        #expect(parser.parse([0xEF, 0xBB]).isEmpty)
        #expect(parser.finish() == .midEvent)
        var other = SSEParser()
        #expect(other.parse([0xEF] + bytes("data: z\n\ndata: y\n\n")) == [SSEEvent(data: "y")])
    }

    // MARK: Fields

    @Test func fieldRules() {
        var parser = SSEParser()
        let events = parser.parse(
            bytes(
                """
                data:a
                data: b
                data:  c
                data
                event
                retry: 12x
                retry
                :data: comment

                """ + "\n"))
        #expect(events == [SSEEvent(data: "a\nb\n c\n")])
        #expect(parser.reconnectionTime == nil)
    }

    @Test func idPersistsAndIdWithNulIsIgnored() {
        var parser = SSEParser()
        let events = parser.parse(bytes("id: 7\ndata: a\n\ndata: b\n\nid: x\u{0}y\ndata: c\n\nid\ndata: d\n\n"))
        #expect(events.map(\.id) == ["7", "7", "7", ""])
    }

    @Test func retryIsReportedOnItsEvent() {
        var parser = SSEParser()
        let events = parser.parse(bytes("retry: 3000\ndata: a\n\ndata: b\n\n"))
        #expect(events == [SSEEvent(data: "a", retry: 3000), SSEEvent(data: "b")])
        #expect(parser.reconnectionTime == 3000)
    }

    @Test func eventTypeResetsAfterDispatch() {
        var parser = SSEParser()
        let events = parser.parse(bytes("event: a\ndata: 1\n\ndata: 2\n\n"))
        #expect(events.map(\.event) == ["a", "message"])
    }

    @Test func invalidUTF8IsReplacedNotFatal() {
        var parser = SSEParser()
        let events = parser.parse(bytes("data: ") + [0xFF, 0xC3] + bytes("\n\n"))
        #expect(events == [SSEEvent(data: "\u{FFFD}\u{FFFD}")])
    }

    // MARK: End of stream

    @Test func endOfStreamStates() {
        var parser = SSEParser()
        _ = parser.parse(bytes("data: a\n\n: trailing comment\n"))
        #expect(!parser.isMidEvent)
        #expect(parser.finish() == .clean)

        _ = parser.parse(bytes("data: partial"))
        #expect(parser.isMidEvent)
        #expect(parser.finish() == .midEvent)

        _ = parser.parse(bytes("event: x\n"))
        #expect(parser.finish() == .midEvent)

        // After finish the parser starts a fresh stream.
        #expect(parser.parse(bytes("data: new\n\n")) == [SSEEvent(data: "new")])
    }

    @Test func undispatchedEventIsDroppedAtEnd() {
        var parser = SSEParser()
        #expect(parser.parse(bytes("data: never\n")).isEmpty)
        #expect(parser.finish() == .midEvent)
        #expect(parser.parse(bytes("\n")).isEmpty)  // the old event does not come back
    }

    @Test func adapterOverAnAsyncSequence() async throws {
        let chunks: [[UInt8]] = [bytes("data: a\r"), bytes("\n\r\ndata: b"), bytes("\n\ndata: c\n")]
        let source = AsyncStream<[UInt8]> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        var lenient: [String] = []
        for try await event in source.serverSentEvents() { lenient.append(event.data) }
        #expect(lenient == ["a", "b"])

        let strictSource = AsyncStream<[UInt8]> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        var strict: [String] = []
        await expectHTTPError(.malformedResponse) {
            for try await event in strictSource.serverSentEvents(incompleteEvent: .fail) { strict.append(event.data) }
        }
        #expect(strict == ["a", "b"])
    }
}

/// A small deterministic generator so random splits are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
