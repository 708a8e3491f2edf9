import Foundation
import Testing

/// The checked-in golden file written by scripts/make_golden.py with the official `tiktoken` package.
struct GoldenFixture {
    struct Sample {
        let text: String
        let ordinary: [String: [Int]]
        let specialAll: [String: [Int]]
    }

    struct Pathological {
        let text: String
        let label: String
        /// Per encoding: tiktoken's count and FNV-1a of the ids; both nil where tiktoken itself failed.
        let expected: [String: RawFile.RawExpectation]
    }

    let samples: [Sample]
    let pathological: [Pathological]

    struct RawFile: Decodable {
        struct RawSample: Decodable {
            let text: String
            let cl100k: [Int]
            let o200k: [Int]
            let cl100kAll: [Int]?
            let o200kAll: [Int]?

            enum CodingKeys: String, CodingKey {
                case text
                case cl100k = "cl100k_base"
                case o200k = "o200k_base"
                case cl100kAll = "cl100k_base/all"
                case o200kAll = "o200k_base/all"
            }
        }

        struct RawExpectation: Decodable {
            let count: Int?
            let fnv1a64: String?
        }

        struct RawPathological: Decodable {
            let unit: String
            let times: Int
            let suffix: String
            let cl100k: RawExpectation
            let o200k: RawExpectation

            enum CodingKeys: String, CodingKey {
                case unit, times, suffix
                case cl100k = "cl100k_base"
                case o200k = "o200k_base"
            }
        }

        let samples: [RawSample]
        let pathological: [RawPathological]
    }

    // JSONDecoder, not JSONSerialization: the latter drops a leading U+FEFF inside strings on Linux.
    static let shared: GoldenFixture = {
        let url = Bundle.module.url(forResource: "golden", withExtension: "json", subdirectory: "Fixtures")!
        let raw = try! JSONDecoder().decode(RawFile.self, from: Data(contentsOf: url))
        let samples = raw.samples.map { record in
            Sample(
                text: record.text,
                ordinary: ["cl100k_base": record.cl100k, "o200k_base": record.o200k],
                specialAll: ["cl100k_base": record.cl100kAll, "o200k_base": record.o200kAll].compactMapValues { $0 }
            )
        }
        let pathological = raw.pathological.map { record -> Pathological in
            let text =
                record.unit == "lcg"
                ? lcgWord(record.times) : String(repeating: record.unit, count: record.times) + record.suffix
            return Pathological(
                text: text,
                label: "\(record.unit.debugDescription) x \(record.times)\(record.suffix)",
                expected: ["cl100k_base": record.cl100k, "o200k_base": record.o200k]
            )
        }
        return GoldenFixture(samples: samples, pathological: pathological)
    }()

    /// Same generator as `lcg_word` in scripts/make_golden.py.
    static func lcgWord(_ length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzéß")
        var x: UInt64 = 42
        var out = ""
        out.reserveCapacity(length)
        for _ in 0..<length {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(alphabet[Int((x >> 33) % UInt64(alphabet.count))])
        }
        return out
    }

    /// FNV-1a 64 over ids as little-endian u32 bytes (same as make_golden.py).
    static func fnv1a64(_ ids: [Int]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for id in ids {
            var value = UInt32(id)
            for _ in 0..<4 {
                hash = (hash ^ UInt64(value & 0xFF)) &* 0x100_0000_01B3
                value >>= 8
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
