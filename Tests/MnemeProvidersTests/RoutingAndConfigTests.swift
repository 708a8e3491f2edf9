import Foundation
import MnemeHTTP
import MnemeProviders
import MnemeProvidersTesting
import Testing

@Suite struct RoutingAndConfigTests {
    let routes = [
        Route(name: "everyone", target: try! ModelTarget(parsing: "openai:gpt-4o-mini")),
        Route(
            name: "acme-premium", match: RouteMatch(tenant: "acme", userAttributes: ["segment": "premium"]),
            target: try! ModelTarget(parsing: "openai:ft:gpt-4o-mini-2024-07-18:acme:prem:abc123"),
            fallbacks: [
                try! ModelTarget(parsing: "openai:gpt-4o-mini"),
                try! ModelTarget(parsing: "anthropic:claude-haiku-4-5"),
            ]),
        Route(
            name: "acme", match: RouteMatch(tenant: "acme"),
            target: try! ModelTarget(parsing: "gemini:gemini-2.5-flash")),
    ]

    @Test func picksMostSpecificRouteAndExplainsWhy() throws {
        let router = Router(routes: routes, defaultTarget: ModelTarget(provider: "offline", model: "offline"))
        let premium = try router.decide(
            RoutingContext(tenant: "acme", userAttributes: ["segment": "premium", "plan": "x"]))
        #expect(premium.route == "acme-premium")
        #expect(premium.target.model == "ft:gpt-4o-mini-2024-07-18:acme:prem:abc123")
        #expect(premium.fallbacks.count == 2)
        #expect(premium.reason == "route 'acme-premium' matched tenant=acme, segment=premium")
        #expect(try router.decide(RoutingContext(tenant: "acme")).route == "acme")
        #expect(try router.decide(RoutingContext(tenant: "other")).route == "everyone")
        let explicit = try router.decide(RoutingContext(tenant: "acme", requestedModel: "ollama:llama3.2:3b"))
        #expect(explicit.target == ModelTarget(provider: "ollama", model: "llama3.2:3b"))
        #expect(explicit.reason.contains("explicitly"))
        #expect(try router.decide(RoutingContext(requestedModel: "acme")).route == "acme")
        #expect(throws: ProviderError.self) { try router.decide(RoutingContext(requestedModel: "no-such-route")) }
        let empty = Router(routes: [], defaultTarget: ModelTarget(provider: "offline", model: "offline"))
        #expect(try empty.decide(RoutingContext()).reason.hasPrefix("no route matched"))
    }

    @Test func routesAreCodable() throws {
        let json = #"""
            [{"name":"r","target":"anthropic:claude-sonnet-4-5","fallbacks":["openai:gpt-4o-mini"],
              "match":{"tenant":"t","userAttributes":{"segment":"s"}}},
             {"name":"all","target":{"provider":"gemini","model":"gemini-2.5-flash"}}]
            """#
        let decoded = try JSONDecoder().decode([Route].self, from: Data(json.utf8))
        #expect(decoded[0].match.userAttributes == ["segment": "s"])
        #expect(decoded[1].match == RouteMatch())
        #expect(decoded[1].target.description == "gemini:gemini-2.5-flash")
        let again = try JSONDecoder().decode([Route].self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
        #expect(throws: ProviderError.self) { try ModelTarget(parsing: "gpt-4o-mini") }
    }

    @Test func priceTableCost() throws {
        let table = try JSONDecoder().decode(
            PriceTable.self,
            from: Data(
                #"{"gpt-4o-mini":{"input":0.15,"output":0.6,"cachedInput":0.075},"gpt-4o":{"input":2.5,"output":10}}"#
                    .utf8))
        let usage = Usage(promptTokens: 1_000_000, completionTokens: 500_000, cachedTokens: 200_000)
        let cost = try #require(table.cost(usage: usage, model: "gpt-4o-mini-2024-07-18"))
        #expect(abs(cost - (0.8 * 0.15 + 0.2 * 0.075 + 0.5 * 0.6)) < 1e-9)
        #expect(table.cost(usage: usage, model: "gpt-4o") == 2.5 + 5)
        #expect(table.cost(usage: usage, model: "claude-x") == nil)
    }

    @Test func factoryFollowsSDKEnvironmentVariables() throws {
        let offline = ProviderFactory(environment: ProviderEnvironment([:]), http: sharedHTTP)
        let choice = offline.defaultChoice()
        #expect(choice.target == ModelTarget(provider: "offline", model: "offline"))
        #expect(choice.reason.contains("no API key"))
        #expect(try offline.provider(for: choice.target) is OfflineProvider)
        #expect(throws: ProviderError.self) {
            try offline.provider(for: ModelTarget(provider: "openai", model: "gpt-4o"))
        }
        #expect(throws: ProviderError.self) { try offline.provider(for: ModelTarget(provider: "nope", model: "x")) }

        let both = ProviderEnvironment([
            "GEMINI_API_KEY": "g-key", "GOOGLE_API_KEY": "google-key", "ANTHROPIC_API_KEY": " ",
        ])
        #expect(both.geminiKey?.revealed == "google-key")
        #expect(both.anthropicKey == nil)
        let factory = ProviderFactory(environment: both, http: sharedHTTP)
        #expect(factory.defaultChoice().target.provider == "gemini")
        #expect(!factory.defaultChoice().reason.contains("google-key"))
    }

    @Test func factoryClientsReachConfiguredBaseURLs() async throws {
        let stub = try OpenAIStub { _ in .text("via env") }
        let environment = ProviderEnvironment([
            "OPENAI_API_KEY": testKey, "OPENAI_BASE_URL": stub.baseURL, "OPENAI_PROJECT_ID": "proj_1",
        ])
        let factory = ProviderFactory(environment: environment, http: sharedHTTP, retry: .none)
        #expect(factory.defaultChoice().target == ModelTarget(provider: "openai", model: "gpt-4o-mini"))
        let provider = try factory.provider(for: factory.defaultChoice().target)
        #expect(try await provider.complete(userRequest()).text == "via env")
        #expect(stub.requests.first?.header("OpenAI-Project") == "proj_1")

        let ollama = ProviderFactory(
            environment: ProviderEnvironment(["OLLAMA_HOST": "127.0.0.1:\(stub.server.port)"]), http: sharedHTTP)
        #expect(
            try await ollama.provider(for: ModelTarget(parsing: "ollama:llama3.2")).complete(userRequest()).text
                == "via env")
    }

    @Test func fallbackChainMovesOnForRetiredModelOnly() async throws {
        let stub = try OpenAIStub { request in
            request.bodyText.contains("ft:gpt-4o-mini")
                ? .error(
                    status: 404, type: "invalid_request_error", message: "The model does not exist",
                    code: "model_not_found")
                : .text("from base")
        }
        let environment = ProviderEnvironment(["OPENAI_API_KEY": testKey, "OPENAI_BASE_URL": stub.baseURL])
        let factory = ProviderFactory(environment: environment, http: sharedHTTP, retry: .none)
        let decision = RouteDecision(
            route: "r", target: try ModelTarget(parsing: "openai:ft:gpt-4o-mini:acme::x1"),
            fallbacks: [try ModelTarget(parsing: "openai:gpt-4o-mini")], reason: "test")
        let notices = RetryRecorder()
        let provider = try factory.provider(
            for: decision,
            onFallback: { notice in
                notices.policy().onRetry?(
                    RetryNotice(
                        provider: "chain", model: "", nextAttempt: 0, maxAttempts: 0, delay: .zero, error: notice.error)
                )
            })
        #expect(try await provider.complete(userRequest(model: "ignored")).text == "from base")
        let (streamed, error) = await events(of: provider.stream(userRequest(model: "ignored")))
        #expect(error == nil)
        #expect(text(of: streamed) == "from base")
        #expect(notices.notices.count == 2)

        let auth = try OpenAIStub { _ in .error(status: 401, type: "invalid_request_error", message: "bad key") }
        let authFactory = ProviderFactory(
            environment: ProviderEnvironment(["OPENAI_API_KEY": testKey, "OPENAI_BASE_URL": auth.baseURL]),
            http: sharedHTTP,
            retry: .none)
        let authChain = try authFactory.provider(for: decision)
        #expect(await providerError { _ = try await authChain.complete(userRequest()) }?.code == .authentication)
        #expect(auth.requests.count == 1)
    }

    @Test func secretsNeverPrint() throws {
        let secret = Secret(testKey)
        #expect("\(secret)" == "REDACTED")
        #expect(String(reflecting: secret) == "Secret(REDACTED)")
        let encoded = String(decoding: try JSONEncoder().encode(["key": secret]), as: UTF8.self)
        #expect(!encoded.contains(testKey))
        #expect(try JSONDecoder().decode(Secret.self, from: Data("\"abc\"".utf8)).revealed == "abc")
        #expect(
            secret.redact(in: "key sk-test-SECRET-0123…cdef") == "key \(Secret.placeholder)…cdef"
                || !secret.redact(in: "key sk-test-SECRET-0123…cdef").contains("SECRET-0"))
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(testKey)")
        #expect(!headers.description.contains(testKey))
    }
}
