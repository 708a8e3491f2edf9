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
        let result = try PythonProbe.run("openai_sdk_probe", [stub.baseURL])
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
