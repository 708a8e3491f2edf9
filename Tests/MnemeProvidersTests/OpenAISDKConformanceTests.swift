import Foundation
import MnemeProvidersTesting
import Testing

@Suite struct OpenAISDKConformanceTests {
    /// The official SDK (its strict `chat.completions.stream()` helper included) accepts the stub's
    /// responses, streams and errors: the stub is faithful, so tests against it mean something.
    @Test(.enabled(if: PythonSDK.isAvailable, "python3 with the openai package is not installed"))
    func officialSDKUnderstandsTheStub() async throws {
        let stub = try OpenAIStub { request in
            let body = String(decoding: request.body, as: UTF8.self)
            if body.contains("\"missing\"") {
                return .error(
                    status: 404, type: "invalid_request_error", message: "The model `missing` does not exist",
                    code: "model_not_found")
            }
            return .answer(StubAnswer(text: "Hello from the stub", promptTokens: 13, completionTokens: 4))
        }
        defer { stub.shutdown() }
        let script = try #require(
            Bundle.module.path(forResource: "openai_sdk_probe", ofType: "py", inDirectory: "Fixtures"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, stub.baseURL]
        var environment = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] {
            environment[name] = nil
        }
        environment["NO_PROXY"] = "127.0.0.1"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "probe failed: \(errorText)")
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(result["text"] as? String == "Hello from the stub")
        #expect(result["finish"] as? String == "stop")
        #expect(result["usage"] as? [Int] == [13, 4])
        #expect(result["streamed"] as? String == "Hello from the stub")
        #expect(result["stream_usage"] as? [Int] == [13, 4])
        let error = try #require(result["error"] as? [Any])
        #expect(error.first as? Int == 404)
        #expect(stub.requests.first?.header("Authorization") == "Bearer sk-probe")
    }
}
