import ArgumentParser
import Foundation

/// `mneme bench startup`: how long `mneme chat` takes to show its prompt, and its memory there.
struct StartupBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time from starting `mneme chat` to its prompt (warm disk, indexed database), and its memory.",
        discussion: """
            Runs `mneme chat` as a child process with the input on a pipe, once to index the sample corpus, \
            then --runs times: the time until the line before the prompt is printed, and the child's resident \
            memory at that moment (from /proc).
            """
    )

    @Option(help: "Measured runs.")
    var runs = 20

    @Option(help: "Folder for the temporary database (default: the system's temporary folder).")
    var dir: String?

    func run() async throws {
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
            .appendingPathComponent("mneme-bench-startup-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("chat.sqlite").path
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path

        _ = try measure(executable: executable, database: database, folder: folder)  // indexes, warms the cache
        var times = Timings()
        var memory: [Int] = []
        for _ in 0..<runs {
            let (seconds, kib) = try measure(executable: executable, database: database, folder: folder)
            times = Timings(seconds: times.seconds + [seconds])
            memory.append(kib)
        }
        memory.sort()
        Output.line("startup benchmark: `mneme chat` to its prompt, \(runs) runs, offline provider, indexed handbook")
        Output.line(
            Output.table(
                ["metric", "value"],
                [
                    ["time to prompt p50", formatMillis(times.percentile(50))],
                    ["time to prompt p90", formatMillis(times.percentile(90))],
                    ["time to prompt max", formatMillis(times.percentile(100))],
                    [
                        "resident memory at the prompt (median)",
                        String(format: "%.1f MiB", Double(memory[memory.count / 2]) / 1024),
                    ],
                ]))
    }

    /// One run: seconds until the prompt, and resident memory (KiB) then.
    private func measure(executable: String, database: String, folder: URL) throws -> (Double, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["chat", "--db", database]
        var environment = ProcessInfo.processInfo.environment
        for key in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "MNEME_CONFIG"] {
            environment.removeValue(forKey: key)
        }
        process.environment = environment
        process.currentDirectoryURL = folder
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        var seen = ""
        while !seen.contains("Type /help") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw ValidationError("mneme chat exited before its prompt:\n\(seen)") }
            seen += String(decoding: data, as: UTF8.self)
        }
        let elapsed = (clock.now - start).seconds
        let kib = ResidentMemory.currentKiB(pid: String(process.processIdentifier))
        input.fileHandleForWriting.write(Data("/quit\n".utf8))
        try input.fileHandleForWriting.close()
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (elapsed, kib)
    }
}
