import Foundation

/// The official `openai` Python SDK, for tests that drive loopback servers with it.
public enum PythonSDK {
    /// Whether `python3` can `import openai` (checked once); tests that need it skip otherwise.
    public static let isAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openai"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()
}
