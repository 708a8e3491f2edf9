import MnemeContext
import Testing

@Suite("Extracted facts feed the builder")
struct ExtractedFactBuilderTests {
    @Test func extractedNameFillsThePersonaTemplate() throws {
        let facts = FactExtractor().extract(from: "Привет! Меня зовут анна, зови меня Аня.")
            .map { FactCandidate($0, sourceMessageId: "m1") }
        #expect(facts.map(\.id) == ["fact:name", "fact:preferred_name"])
        let built = try ContextBuilder(counter: wordCounter).build(
            ContextInput(
                persona: Persona(id: "p", template: "Address the user as {{preferred_name|friend}}."), facts: facts,
                userMessage: "hi", limits: .openAIChat(contextWindow: 1_000, reservedOutput: 100)))
        #expect(built.prompt.system.hasPrefix("Address the user as Аня."))
        #expect(built.prompt.system.contains("- name: Анна"))
        #expect(built.trace.entries.first { $0.id == "fact:name" }?.source?.messageId == "m1")
    }
}
