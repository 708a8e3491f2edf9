import Foundation
import Synchronization

/// The official Python SDKs (`openai`, `anthropic`, `google-genai`), for tests that drive loopback
/// servers with them; tests that need one skip when it is missing.
public enum PythonSDK {
    private static let checked = Mutex<[String: Bool]>([:])

    /// Whether `python3` can `import openai` (checked once).
    public static var isAvailable: Bool { available("openai") }

    /// Whether `python3 -c "import MODULE"` succeeds (checked once per module).
    public static func available(_ module: String) -> Bool {
        if let known = checked.withLock({ $0[module] }) { return known }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var result = false
        do {
            try process.run()
            process.waitUntilExit()
            result = process.terminationStatus == 0
        } catch {
            result = false
        }
        checked.withLock { $0[module] = result }
        return result
    }
}
