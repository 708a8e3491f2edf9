import Foundation
import MnemeTokenizer

/// `tokbench` — benchmarks and parity helper for MnemeTokenizer.
///
///     tokbench bench  --input FILE [--encoding cl100k_base|o200k_base|all] [--repeat N] [--ids-out PREFIX]
///     tokbench load   [--repeat N]
///     tokbench stress [--encoding NAME|all]
///     tokbench parity --encoding NAME --input SAMPLES.bin --output IDS.bin [--special-all]
///
/// `parity` reads length-prefixed UTF-8 samples (u32 LE length + bytes) and writes, per sample,
/// a u32 LE token count followed by u32 LE ids (scripts/compare_large.py drives it).
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func encodings() -> [EncodingName] {
    let name = option("--encoding") ?? "all"
    if name == "all" { return EncodingName.allCases }
    guard let encoding = EncodingName(rawValue: name) else { fail("unknown encoding \(name)") }
    return [encoding]
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func appendU32(_ value: Int, to data: inout [UInt8]) {
    let v = UInt32(value)
    data.append(UInt8(v & 0xFF))
    data.append(UInt8((v >> 8) & 0xFF))
    data.append(UInt8((v >> 16) & 0xFF))
    data.append(UInt8(v >> 24))
}

let clock = ContinuousClock()
switch arguments.first {
case "load":
    let repeats = Int(option("--repeat") ?? "5") ?? 5
    var firstTokenizer: Tokenizer?
    let coldLoad = clock.measure { firstTokenizer = try! Tokenizer.shared(.cl100kBase) }
    let firstEncode = clock.measure { _ = firstTokenizer!.count("héllo wörld") }
    print(
        String(
            format:
                "cold Tokenizer.shared(.cl100kBase): %.1f ms; first encode (builds the 64K-entry scalar class table): %.1f ms",
            seconds(coldLoad) * 1000, seconds(firstEncode) * 1000))
    for encoding in EncodingName.allCases {
        var best = Double.infinity
        var all: [Double] = []
        for _ in 0..<repeats {
            let elapsed = clock.measure { _ = try! Tokenizer.loadBundled(encoding) }
            all.append(seconds(elapsed) * 1000)
            best = min(best, seconds(elapsed) * 1000)
        }
        let first = all[0]
        print(String(format: "load %@: first %.1f ms, best %.1f ms of %d", encoding.rawValue, first, best, repeats))
    }

case "bench":
    guard let path = option("--input") else { fail("bench needs --input FILE") }
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let text = String(decoding: data, as: UTF8.self)
    let megabytes = Double(text.utf8.count) / 1_000_000
    let repeats = Int(option("--repeat") ?? "3") ?? 3
    for encoding in encodings() {
        let tokenizer = try Tokenizer.loadBundled(encoding)
        var best = Double.infinity
        var ids: [Int] = []
        for _ in 0..<repeats {
            let elapsed = clock.measure { ids = tokenizer.encodeOrdinary(text) }
            best = min(best, seconds(elapsed))
        }
        let countElapsed = clock.measure { _ = tokenizer.count(text) }
        print(
            String(
                format: "mneme %@: %.2f MB in %.3f s best of %d = %.2f MB/s, %d tokens (count(): %.2f MB/s)",
                encoding.rawValue, megabytes, best, repeats, megabytes / best, ids.count,
                megabytes / seconds(countElapsed)))
        if let prefix = option("--ids-out") {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(ids.count * 4)
            for id in ids { appendU32(id, to: &bytes) }
            _ = FileManager.default.createFile(atPath: "\(prefix).\(encoding.rawValue).bin", contents: Data(bytes))
        }
    }

case "parity":
    guard let input = option("--input"), let output = option("--output") else {
        fail("parity needs --input and --output")
    }
    guard let data = FileManager.default.contents(atPath: input) else { fail("cannot read \(input)") }
    let encoding = encodings()[0]
    let tokenizer = try Tokenizer.loadBundled(encoding)
    let specialAll = arguments.contains("--special-all")
    let bytes = [UInt8](data)
    var out: [UInt8] = []
    var position = 0
    while position + 4 <= bytes.count {
        let length =
            Int(bytes[position]) | Int(bytes[position + 1]) << 8 | Int(bytes[position + 2]) << 16
            | Int(bytes[position + 3]) << 24
        position += 4
        let sample = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        position += length
        let ids = specialAll ? try tokenizer.encode(sample, allowedSpecial: .all) : tokenizer.encodeOrdinary(sample)
        appendU32(ids.count, to: &out)
        for id in ids { appendU32(id, to: &out) }
    }
    _ = FileManager.default.createFile(atPath: output, contents: Data(out))

case "stress":
    // Extreme inputs from the issue: a 50 MB single line, a million spaces, 100k repeated characters.
    let cases: [(String, String)] = [
        ("50 MB single line (no spaces, mixed scripts)", String(repeating: "abc123,;Żółw漢😀x", count: 50_000_000 / 30)),
        ("50 MB single line of 'a'", String(repeating: "a", count: 50_000_000)),
        ("1,000,000 spaces", String(repeating: " ", count: 1_000_000)),
        ("1,000,000 spaces then x", String(repeating: " ", count: 1_000_000) + "x"),
        ("100,000 x U+0301 (combining, no merges)", String(repeating: "\u{301}", count: 100_000)),
        ("100,000 x 我", String(repeating: "我", count: 100_000)),
    ]
    for encoding in encodings() {
        let tokenizer = try Tokenizer.loadBundled(encoding)
        for (label, text) in cases {
            var count = 0
            let elapsed = clock.measure { count = tokenizer.count(text) }
            print(
                String(
                    format: "%@ %@: %d bytes -> %d tokens in %.3f s", encoding.rawValue, label, text.utf8.count, count,
                    seconds(elapsed)))
        }
    }

default:
    fail("usage: tokbench bench --input FILE [--encoding NAME|all] [--repeat N] [--ids-out PREFIX] | load | parity ...")
}
