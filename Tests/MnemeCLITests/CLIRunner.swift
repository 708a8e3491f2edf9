import Foundation

/// Runs the built `mneme` binary as a real process, for end-to-end tests of the CLI.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let folder: URL
    var database: String { folder.appendingPathComponent("cli.sqlite").path }

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The `mneme` executable next to the test bundle in the build folder.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("mneme")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return testBinary.deletingLastPathComponent().appendingPathComponent("mneme")
    }

    /// Runs `mneme` with `arguments` (plus `--db` unless `withDatabase` is false) and waits.
    func run(
        _ arguments: [String], stdin: String? = nil, withDatabase: Bool = true,
        environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments + (withDatabase ? ["--db", database] : [])
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "MNEME_DB")
        environment.removeValue(forKey: "MNEME_USER")
        environment.removeValue(forKey: "MNEME_TENANT")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}
