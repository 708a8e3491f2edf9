import MnemeProviders
import Testing

@Suite struct OfflineProviderTests {
    let passages = [
        Passage(
            title: "Employee Handbook", uri: "docs/handbook.md", headingPath: ["Leave", "Vacation"],
            text:
                "Our office is in Berlin. Employees get 28 days of paid vacation per year. Unused vacation days expire in March.",
            score: 9.1),
        Passage(
            title: "IT Guide", uri: "docs/it.md", headingPath: ["Laptops"],
            text: "Laptops are replaced every three years. Contact IT for a new laptop.", score: 3.2),
    ]

    func request(
        _ question: String, name: String? = "Anna", passages: [Passage]? = nil, facts: [Fact] = [], limit: Int? = nil
    )
        -> ChatRequest
    {
        ChatRequest(
            model: "offline", messages: [.init(role: .user, text: question)], maxOutputTokens: limit,
            grounding: Grounding(userName: name, passages: passages ?? self.passages, facts: facts))
    }

    @Test func quotesTheMostRelevantSentenceWithItsSource() async throws {
        let answer = try await OfflineProvider().complete(request("How many vacation days do I get per year?"))
        #expect(answer.text.hasPrefix("Hi Anna!"))
        #expect(
            answer.text.contains(
                "“Employees get 28 days of paid vacation per year.” [Employee Handbook › Leave › Vacation]"))
        #expect(answer.text.contains("docs/handbook.md"))
        #expect(!answer.text.contains("Berlin"))
        #expect(!answer.text.contains("Laptops"))
        #expect(answer.finishReason == .stop)
        #expect(answer.model == "offline")
    }

    @Test func saysPlainlyWhenNothingIsKnown() async throws {
        let answer = try await OfflineProvider().complete(request("What is the capital of Peru?", name: nil))
        #expect(answer.text.hasPrefix("I don't know"))
        #expect(answer.text.contains("\"capital Peru\""))
        #expect(!answer.text.contains("["))
        let none = try await OfflineProvider().complete(request("Any news?", name: nil, passages: []))
        #expect(none.text.contains("I have no documents"))
    }

    @Test func greetsAndAnswersFromProfile() async throws {
        let hello = try await OfflineProvider().complete(request("hello"))
        #expect(hello.text.hasPrefix("Hi Anna!"))
        let name = try await OfflineProvider().complete(request("What is my name?"))
        #expect(name.text.contains("Your name is Anna."))
        let team = try await OfflineProvider().complete(
            request("Which team am I on? my team", facts: [Fact(key: "team", value: "platform")]))
        #expect(team.text.contains("team: platform"))
    }

    @Test func streamIsDeterministicWordByWord() async throws {
        let provider = OfflineProvider()
        let complete = try await provider.complete(request("When do unused vacation days expire?"))
        let (streamed, error) = await events(of: provider.stream(request("When do unused vacation days expire?")))
        #expect(error == nil)
        #expect(text(of: streamed) == complete.text)
        let deltas = streamed.compactMap { if case .delta(let text) = $0 { text } else { nil } }
        #expect(deltas.count == complete.text.split(whereSeparator: \.isWhitespace).count)
        #expect(streamed.last == .finished(.stop))
        #expect(complete.text.contains("Unused vacation days expire in March."))
        let again = try await provider.complete(request("When do unused vacation days expire?"))
        #expect(again == complete)
    }

    @Test func respectsOutputLimitAndDelay() async throws {
        let limited = try await OfflineProvider().complete(request("How many vacation days per year?", limit: 3))
        #expect(limited.finishReason == .length)
        #expect(limited.text.split(whereSeparator: \.isWhitespace).count == 3)
        let recorder = RetryRecorder()
        let slow = OfflineProvider(chunkDelay: .milliseconds(40), sleep: recorder.policy().sleep)
        let (streamed, _) = await events(of: slow.stream(request("hello")))
        #expect(recorder.delays.count == streamed.count - 2)
        #expect(recorder.delays.allSatisfy { $0 == .milliseconds(40) })
    }
}
