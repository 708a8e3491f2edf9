#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The optional model-based memory extractor's prompt and the strict reading of its JSON answer.
///
/// A language model sees one user message (and the user's current facts, so it reuses their keys) and
/// answers `{"facts": [{"key": "home_city", "value": "Lisbon", "confidence": 0.9}]}`. The answer is untrusted
/// text: anything that is not that shape is ignored, item by item, and only clean facts come out — keys
/// normalised to `snake_case` (dots allowed, as in `preference.tea`), one-line values of at most
/// ``maxValueLength`` characters, confidence at least ``minConfidence``, at most ``maxFacts``, and never
/// anything that looks like a credential.
///
/// ```swift
/// let answer = #"```json\n{"facts":[{"key":"Home City","value":"Lisbon","confidence":0.9}]}\n```"#
/// let read = ModelFactExtraction.parse(answer, evidence: "We moved to Lisbon last year.")
/// // read.facts == [ExtractedFact(key: "home_city", value: "Lisbon", confidence: 0.9, kind: .fact, …)]
/// ```
public enum ModelFactExtraction {
    /// Facts below this confidence are dropped.
    public static let minConfidence = 0.5
    /// The confidence of a fact given without one.
    public static let defaultConfidence = 0.7
    /// At most this many facts are taken from one answer.
    public static let maxFacts = 10
    /// Longer values are dropped (not cut: a cut value could mean something else).
    public static let maxValueLength = 200
    /// Keys (after normalisation) of at most this many characters.
    public static let maxKeyLength = 64

    /// Key fragments that mark a credential or payment detail: such facts are never stored.
    static let sensitiveKeyFragments = [
        "password", "passwd", "passcode", "secret", "api_key", "apikey", "token", "credential", "card_number",
        "credit_card", "cvv", "iban", "ssn", "social_security", "pin_code", "private_key",
    ]

    /// The system instruction for the extraction request.
    public static func instruction(existing: [(key: String, value: String)]) -> String {
        var text = """
            You extract durable facts about the user from the user's message, for a profile an assistant \
            reads in later conversations: name, how to address them, where they live, work, family, pets, \
            plans with dates, preferences, allergies and similar. Only facts the user states about \
            themselves; nothing about other people unless it concerns the user (such as "my sister lives in \
            Porto"), nothing the user asks, nothing temporary ("I'm tired"), no credentials or card numbers.
            Answer with JSON only, no prose: {"facts": [{"key": "snake_case_key", "value": "short value", \
            "confidence": 0.0-1.0}]}; {"facts": []} when there is nothing. Keys: name, preferred_name, \
            preference.<topic> for likes and dislikes, otherwise a short snake_case noun such as home_city, \
            employer, pet_name, sister_city. Reuse an existing key when the fact updates it.
            """
        if !existing.isEmpty {
            text +=
                "\nExisting facts:\n" + existing.prefix(50).map { "- \($0.key): \($0.value)" }.joined(separator: "\n")
        }
        return text
    }

    /// What ``parse(_:evidence:)`` read: the clean facts, and why anything else was ignored.
    public struct Result: Sendable, Hashable {
        /// The facts to store.
        public var facts: [ExtractedFact]
        /// One line per ignored part (for logs; never user-visible).
        public var problems: [String]
    }

    /// Reads a model's answer; never throws. `evidence` is the user message the facts come from.
    public static func parse(_ answer: String, evidence: String) -> Result {
        var problems: [String] = []
        guard let json = jsonText(in: answer) else {
            return Result(facts: [], problems: ["the answer holds no JSON object"])
        }
        let items: [Item]
        if let payload = try? JSONDecoder().decode(Payload.self, from: Data(json.utf8)) {
            items = payload.facts
        } else if let list = try? JSONDecoder().decode([Item].self, from: Data(json.utf8)) {
            items = list
        } else {
            return Result(facts: [], problems: ["the JSON is not {\"facts\": [...]}"])
        }
        var facts: [ExtractedFact] = []
        for (index, item) in items.enumerated() {
            guard facts.count < maxFacts else {
                problems.append("more than \(maxFacts) facts: the rest ignored")
                break
            }
            switch fact(from: item, evidence: evidence) {
            case .success(let fact):
                facts.removeAll { $0.key == fact.key }
                facts.append(fact)
            case .failure(let problem):
                problems.append("fact \(index + 1): \(problem.reason)")
            }
        }
        return Result(facts: facts, problems: problems)
    }

    struct Problem: Error {
        var reason: String
    }

    static func fact(from item: Item, evidence: String) -> Swift.Result<ExtractedFact, Problem> {
        guard let rawKey = item.key, let rawValue = item.value else {
            return .failure(Problem(reason: "no string key and value"))
        }
        guard let key = normalizedKey(rawKey) else { return .failure(Problem(reason: "unusable key")) }
        if sensitiveKeyFragments.contains(where: { key.contains($0) }) {
            return .failure(Problem(reason: "a credential-like key is never stored"))
        }
        let value = String(rawValue.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace())
        guard !value.isEmpty, value.count <= maxValueLength else {
            return .failure(Problem(reason: "empty or over-long value"))
        }
        let confidence = min(max(item.confidence ?? defaultConfidence, 0), 1)
        guard confidence >= minConfidence else { return .failure(Problem(reason: "confidence below the minimum")) }
        let kind: ExtractedFact.Kind =
            switch key {
            case "name": .name
            case "preferred_name": .preferredName
            case _ where key.hasPrefix("preference."): .preference
            default: .fact
            }
        return .success(ExtractedFact(key: key, value: value, confidence: confidence, kind: kind, evidence: evidence))
    }

    /// Lower-cased; spaces and hyphens become `_`; only `a-z`, `0-9`, `_` and single inner dots; starts with a
    /// letter.
    static func normalizedKey(_ raw: String) -> String? {
        var key = ""
        for character in raw.trimmingWhitespace().lowercased() {
            if character == " " || character == "-" || character == "_" {
                if !key.isEmpty && key.last != "_" && key.last != "." { key.append("_") }
            } else if character == "." {
                if !key.isEmpty && key.last != "." { key.append(".") }
            } else if character.isASCII && (character.isLetter || character.isNumber) {
                key.append(character)
            } else {
                return nil
            }
        }
        while key.last == "_" || key.last == "." { key.removeLast() }
        guard let first = key.first, first.isLetter, key.count <= maxKeyLength else { return nil }
        return key
    }

    /// The outermost `{…}` (or `[…]`) of the answer, fences and prose around it ignored.
    static func jsonText(in answer: String) -> String? {
        guard let open = answer.firstIndex(where: { $0 == "{" || $0 == "[" }) else { return nil }
        let close: Character = answer[open] == "{" ? "}" : "]"
        guard let end = answer.lastIndex(of: close), end > open else { return nil }
        return String(answer[open...end])
    }

    struct Payload: Decodable {
        var facts: [Item]
    }

    /// One element of `facts`; wrong types become `nil` instead of failing the whole answer.
    struct Item: Decodable {
        var key: String?
        var value: String?
        var confidence: Double?

        enum CodingKeys: String, CodingKey { case key, value, confidence }

        init(from decoder: any Decoder) throws {
            let container = try? decoder.container(keyedBy: CodingKeys.self)
            key = try? container?.decodeIfPresent(String.self, forKey: .key)
            value = try? container?.decodeIfPresent(String.self, forKey: .value)
            confidence = try? container?.decodeIfPresent(Double.self, forKey: .confidence)
        }
    }
}
