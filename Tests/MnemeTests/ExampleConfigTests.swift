import Foundation
import Mneme
import Testing

/// Every example configuration in examples/configs is valid: no error (warnings about unset key
/// variables are expected on a machine without keys).
@Suite struct ExampleConfigTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/configs")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".toml") }
            .sorted()
    }

    @Test func theExamplesCoverEveryProvider() {
        #expect(
            Self.files == [
                "anthropic.toml", "gemini.toml", "llama-cpp.toml", "ollama.toml", "openai.toml", "vertex.toml",
            ])
    }

    @Test(arguments: files)
    func exampleChecksWithoutErrors(file: String) {
        let report = ConfigFile.check(path: Self.folder.appendingPathComponent(file).path, environment: [:])
        #expect(!report.hasErrors, "\(report.issues)")
        #expect(report.configuration?.model != nil, "each example names its model")
    }
}
