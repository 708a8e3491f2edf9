import Testing

@testable import MnemeTokenizer

@Suite("tiktoken parity (golden file)")
struct GoldenParityTests {
    @Test("encodeOrdinary, count and decode match tiktoken on every golden sample", arguments: EncodingName.allCases)
    func ordinaryParity(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        let fixture = GoldenFixture.shared
        #expect(fixture.samples.count > 200)
        var mismatches = 0
        for sample in fixture.samples {
            let expected = try #require(sample.ordinary[encoding.rawValue])
            let ids = tokenizer.encodeOrdinary(sample.text)
            if ids != expected {
                mismatches += 1
                Issue.record(
                    "mismatch for \(sample.text.debugDescription.prefix(120)): \(ids.prefix(20)) vs \(expected.prefix(20))"
                )
            }
            #expect(tokenizer.count(sample.text) == expected.count)
            #expect(try tokenizer.decode(ids) == sample.text)
        }
        #expect(mismatches == 0)
    }

    @Test("encode(allowedSpecial: .all) matches tiktoken", arguments: EncodingName.allCases)
    func specialParity(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        let withSpecials = GoldenFixture.shared.samples.filter { $0.specialAll[encoding.rawValue] != nil }
        #expect(withSpecials.count > 5)
        for sample in withSpecials {
            let expected = try #require(sample.specialAll[encoding.rawValue])
            #expect(try tokenizer.encode(sample.text, allowedSpecial: .all) == expected)
            #expect(try tokenizer.count(sample.text, allowedSpecial: .all) == expected.count)
            #expect(try tokenizer.decode(expected) == sample.text)
        }
    }

    @Test("pathological long inputs match tiktoken's count and id hash", arguments: EncodingName.allCases)
    func pathologicalParity(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        for item in GoldenFixture.shared.pathological {
            let ids = tokenizer.encodeOrdinary(item.text)
            #expect(try tokenizer.decode(ids) == item.text, "round trip of \(item.label)")
            let expected = try #require(item.expected[encoding.rawValue])
            guard let count = expected.count, let fnv = expected.fnv1a64 else {
                continue  // tiktoken itself panics on this input (regex stack overflow); we only require a round trip
            }
            #expect(ids.count == count, "count of \(item.label)")
            #expect(GoldenFixture.fnv1a64(ids) == fnv, "ids of \(item.label)")
        }
    }

    @Test("short-piece and heap merges agree on long pieces")
    func mergeStrategiesAgree() throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let vocabulary = tokenizer.vocabulary
        let word = Array(GoldenFixture.lcgWord(90).utf8) + Array("ſßé".utf8)
        word.withUnsafeBufferPointer { buffer in
            for length in 2...buffer.count {
                var viaShort = TokenArraySink()
                var viaHeap = TokenArraySink()
                vocabulary.mergeShortForTesting(buffer.baseAddress!, length, into: &viaShort)
                vocabulary.mergeLong(buffer.baseAddress!, length, into: &viaHeap)
                #expect(viaShort.tokens == viaHeap.tokens, "length \(length)")
            }
        }
    }
}
