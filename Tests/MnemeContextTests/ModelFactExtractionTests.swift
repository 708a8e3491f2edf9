import MnemeContext
import Testing

@Suite("Reading a model's facts strictly")
struct ModelFactExtractionTests {
    func facts(_ answer: String) -> [String: String] {
        Dictionary(
            ModelFactExtraction.parse(answer, evidence: "msg").facts.map { ($0.key, $0.value) },
            uniquingKeysWith: { _, last in last })
    }

    @Test func cleanAnswersInAnyWrapping() {
        let json = #"{"facts":[{"key":"home_city","value":"Lisbon","confidence":0.9},{"key":"name","value":"Ada"}]}"#
        for answer in [json, "```json\n\(json)\n```", "Here you go:\n\(json)\nHope this helps!"] {
            #expect(facts(answer) == ["home_city": "Lisbon", "name": "Ada"], "\(answer)")
        }
        let result = ModelFactExtraction.parse(json, evidence: "I'm Ada from Lisbon")
        #expect(result.facts.first { $0.key == "name" }?.kind == .name)
        #expect(result.facts.first { $0.key == "name" }?.confidence == ModelFactExtraction.defaultConfidence)
        #expect(result.facts.allSatisfy { $0.evidence == "I'm Ada from Lisbon" })
        #expect(facts(#"[{"key":"pet_name","value":"Biscuit"}]"#) == ["pet_name": "Biscuit"])
        #expect(facts(#"{"facts": []}"#).isEmpty)
    }

    @Test(arguments: [
        "", "Sorry, I can't help with that.", "{", "{\"facts\": [", "{facts: [{key: name, value: Ada}]}",
        "{\"facts\": \"Ada\"}", "{\"name\": \"Ada\"}", "[1, 2, 3]", "{\"facts\": [null, 7, \"x\", []]}",
        String(repeating: "{", count: 10_000), "{\"facts\": [{\"key\": 5, \"value\": true}]}",
    ])
    func malformedAnswersGiveNothing(answer: String) {
        let result = ModelFactExtraction.parse(answer, evidence: "msg")
        #expect(result.facts.isEmpty, "\(answer.prefix(60))")
        #expect(!result.problems.isEmpty || answer.contains("[]"), "\(answer.prefix(60))")
    }

    @Test func eachFactIsCheckedOnItsOwn() {
        let answer = """
            {"facts": [
              {"key": "Home City", "value": "Porto"},
              {"key": "favourite-food", "value": "grilled\\nsardines", "confidence": 0.8},
              {"key": "preference.tea", "value": "likes green tea"},
              {"key": "wifi password", "value": "hunter2"},
              {"key": "api_key", "value": "sk-123"},
              {"key": "bank.iban", "value": "PT50 0000"},
              {"key": "mood", "value": "tired", "confidence": 0.2},
              {"key": "bio", "value": "\(String(repeating: "x", count: 300))"},
              {"key": "имя", "value": "Анна"},
              {"key": "9lives", "value": "cat"},
              {"key": "", "value": "empty key"},
              {"key": "blank", "value": "   "},
              {"key": "home_city", "value": "Braga", "confidence": 7}
            ]}
            """
        let result = ModelFactExtraction.parse(answer, evidence: "msg")
        let read = Dictionary(result.facts.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        #expect(Set(read.keys) == ["home_city", "favourite_food", "preference.tea"])
        #expect(read["home_city"]?.value == "Braga", "a later fact on the same key wins")
        #expect(read["home_city"]?.confidence == 1, "confidence is clamped to 0…1")
        #expect(read["favourite_food"]?.value == "grilled sardines", "values are one line")
        #expect(read["preference.tea"]?.kind == .preference)
        #expect(result.problems.count == 9)
    }

    @Test func atMostTenFacts() {
        let items = (0..<25).map { #"{"key":"k\#($0)","value":"v"}"# }.joined(separator: ",")
        let result = ModelFactExtraction.parse("{\"facts\":[\(items)]}", evidence: "msg")
        #expect(result.facts.count == ModelFactExtraction.maxFacts)
    }

    @Test func theInstructionAsksForJSONAndListsKnownFacts() {
        let text = ModelFactExtraction.instruction(existing: [("home_city", "Lisbon")])
        #expect(text.contains(#"{"facts": ["#))
        #expect(text.contains("- home_city: Lisbon"))
        #expect(!ModelFactExtraction.instruction(existing: []).contains("Existing facts"))
    }
}
