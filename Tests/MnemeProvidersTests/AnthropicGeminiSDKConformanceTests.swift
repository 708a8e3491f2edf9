import Foundation
import MnemeProvidersTesting
import Testing

/// The official `anthropic` and `google-genai` Python SDKs accept the Anthropic and Gemini stubs'
/// responses, streams and errors, so the client tests that run against those stubs mean something.
/// Skipped (with the reason) where python3 or the SDK is missing; `scripts/install-deps.sh` installs them.
@Suite struct AnthropicGeminiSDKConformanceTests {
    @Test(.enabled(if: PythonSDK.available("anthropic"), "python3 with the anthropic package is not installed"))
    func officialAnthropicSDKUnderstandsTheStub() throws {
        let stub = try AnthropicStub { request in
            let body = String(decoding: request.body, as: UTF8.self)
            if body.contains("\"missing\"") {
                return .error(status: 404, type: "not_found_error", message: "model: missing")
            }
            if body.contains("\"overloaded\"") {
                return .error(status: 529, type: "overloaded_error", message: "Overloaded")
            }
            return .answer(StubAnswer(text: "Hello from the stub", promptTokens: 13, completionTokens: 4))
        }
        defer { stub.shutdown() }
        let result = try PythonProbe.run("anthropic_sdk_probe", [stub.baseURL])
        #expect(result["text"] as? String == "Hello from the stub")
        #expect(result["stop"] as? String == "end_turn")
        #expect(result["usage"] as? [Int] == [13, 4])
        #expect(result["streamed"] as? String == "Hello from the stub")
        #expect(result["stream_usage"] as? [Int] == [13, 4])
        #expect(result["stream_stop"] as? String == "end_turn")
        #expect(result["not_found"] as? [AnyHashable] == [404, "not_found_error"])
        #expect(result["overloaded"] as? [AnyHashable] == [529, "overloaded_error"])
        let first = try #require(stub.requests.first)
        // Both of Anthropic's auth styles carry the key; SDK versions differ in which they send.
        #expect(
            first.header("x-api-key") == "sk-ant-probe" || first.header("Authorization") == "Bearer sk-ant-probe",
            "\(first.headers.map(\.name))")
        #expect(first.header("anthropic-version") != nil)
    }

    @Test(.enabled(if: PythonSDK.available("google.genai"), "python3 with the google-genai package is not installed"))
    func officialGeminiSDKUnderstandsTheStub() throws {
        let stub = try GeminiStub { request in
            if request.path.contains("/models/missing:") {
                return .error(status: 404, type: "NOT_FOUND", message: "models/missing is not found")
            }
            return .answer(StubAnswer(text: "Hello from the stub", promptTokens: 13, completionTokens: 4))
        }
        defer { stub.shutdown() }
        let result = try PythonProbe.run("gemini_sdk_probe", [stub.baseURL])
        #expect(result["text"] as? String == "Hello from the stub")
        #expect(result["finish"] as? String == "STOP")
        #expect(result["usage"] as? [Int] == [13, 4])
        #expect(result["streamed"] as? String == "Hello from the stub")
        #expect(result["stream_usage"] as? [Int] == [13, 4])
        #expect(result["error"] as? [AnyHashable] == [404, "NOT_FOUND"])
        let first = try #require(stub.requests.first)
        #expect(first.header("x-goog-api-key") == "probe-key")
        #expect(first.path.hasPrefix("/v1beta/models/gemini-2.5-flash:generateContent"))
    }
}
