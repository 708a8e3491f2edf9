// stembench: stems/second of MnemeStemming vs the pure-Python reference `snowballstemmer`,
// measured back to back on the same word lists (the golden fixtures by default).
//
// Usage (from the package root, release build):
//   swift run -c release stembench [--fixtures DIR] [--passes N] [--python PATH] [--no-python]
import Foundation
import MnemeStemming

struct Options {
    var fixtures = "Tests/MnemeStemmingTests/Fixtures"
    var passes = 200
    var pythonPasses = 5
    var python = "python3"
    var runPython = true

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let arg = it.next() {
            switch arg {
            case "--fixtures": fixtures = it.next() ?? fixtures
            case "--passes": passes = Int(it.next() ?? "") ?? passes
            case "--python-passes": pythonPasses = Int(it.next() ?? "") ?? pythonPasses
            case "--python": python = it.next() ?? python
            case "--no-python": runPython = false
            default:
                FileHandle.standardError.write(Data("unknown argument \(arg)\n".utf8))
                exit(2)
            }
        }
    }
}

func loadWords(_ path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(path): run from the package root or pass --fixtures\n".utf8))
        exit(1)
    }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "\t")[0]) }
}

/// Runs `body` over all `items` `passes` times; returns calls per second.
func measure<T>(_ items: [T], passes: Int, _ body: (T) -> Int) -> Double {
    var sink = 0
    for w in items { sink &+= body(w) }  // warm-up
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<passes {
        for w in items { sink &+= body(w) }
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    if sink == 42 { print("") }  // keep the work alive
    return Double(passes * items.count) / seconds
}

/// UTF-8 copies of the words, to time the buffer API without String bridging.
func utf8Words(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

/// `stembench --check english|russian FILE`: compares against a word<TAB>stem file of any size
/// (e.g. a whole dictionary stemmed by snowballstemmer) and reports mismatches.
if CommandLine.arguments.count == 4 && CommandLine.arguments[1] == "--check" {
    let isEnglish = CommandLine.arguments[2] == "english"
    guard let text = try? String(contentsOfFile: CommandLine.arguments[3], encoding: .utf8) else { exit(1) }
    var total = 0
    var bad = 0
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 2 else { continue }
        let word = String(fields[0])
        let got = isEnglish ? EnglishStemmer.stem(word) : RussianStemmer.stem(word)
        total += 1
        if got != fields[1] {
            bad += 1
            if bad <= 20 { print("MISMATCH \(word): \(got) != \(fields[1])") }
        }
    }
    print("\(total) words, \(bad) mismatches")
    exit(bad == 0 ? 0 : 1)
}

let options = Options(CommandLine.arguments)
let english = loadWords(options.fixtures + "/english.tsv")
let russian = loadWords(options.fixtures + "/russian.tsv")

var rows: [(String, String, Double)] = []
for (language, words) in [("english", english), ("russian", russian)] {
    let isEnglish = language == "english"
    let directName = isEnglish ? "EnglishStemmer.stem(String)" : "RussianStemmer.stem(String)"
    let directRate = measure(words, passes: options.passes) { word -> Int in
        isEnglish ? EnglishStemmer.stem(word).utf8.count : RussianStemmer.stem(word).utf8.count
    }
    rows.append((language, directName, directRate))
    let entryRate = measure(words, passes: options.passes) { word -> Int in Stemmer.stem(word).utf8.count }
    rows.append((language, "Stemmer.stem(String)", entryRate))
    let buffers = utf8Words(words)
    let bufferRate = measure(buffers, passes: options.passes) { bytes -> Int in
        bytes.withUnsafeBytes { raw in Stemmer.withStemmedUTF8(raw) { $0.count } }
    }
    rows.append((language, "Stemmer.withStemmedUTF8", bufferRate))
}

var python: [String: (Double, String)] = [:]
if options.runPython {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        options.python, "scripts/bench_python.py", options.fixtures + "/english.tsv",
        options.fixtures + "/russian.tsv", String(options.pythonPasses),
    ]
    process.standardOutput = pipe
    do {
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let language = object["language"] as? String, let rate = object["stems_per_second"] as? Double
            else { continue }
            python[language] = (rate, object["backend"] as? String ?? "?")
        }
    } catch {
        FileHandle.standardError.write(Data("could not run \(options.python): \(error)\n".utf8))
    }
}

print(
    "words: english \(english.count), russian \(russian.count);"
        + " Swift passes \(options.passes), Python passes \(options.pythonPasses)"
)
print("| language | implementation | stems/s | vs Python |")
print("| --- | --- | ---: | ---: |")
for (language, name, rate) in rows {
    let ratio = python[language].map { String(format: "%.1fx", rate / $0.0) } ?? "n/a"
    print("| \(language) | \(name) | \(String(format: "%.0f", rate)) | \(ratio) |")
}
for language in ["english", "russian"] {
    if let (rate, backend) = python[language] {
        print("| \(language) | snowballstemmer 3.1.1 (\(backend)) | \(String(format: "%.0f", rate)) | 1.0x |")
    }
}
