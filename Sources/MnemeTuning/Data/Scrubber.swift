import Foundation

/// Replaces personal data in training text with placeholders, and counts what it replaced.
///
/// In this order:
/// 1. e-mail addresses → `[email]`;
/// 2. the user's profile values (current facts, display name), whole words, any case →
///    `[key]` (for example `[name]`); values shorter than 3 characters are left alone;
/// 3. card-like numbers: 13–19 digits, optionally grouped by spaces or dashes, that pass the
///    Luhn check or are grouped in fours → `[card]`;
/// 4. phone numbers: a `+` and 8–15 digits, or 10–15 digits, possibly grouped by spaces,
///    dashes, dots or parentheses (ISO dates such as 2026-02-01 are not phones) → `[phone]`.
///
/// ```swift
/// let scrubber = Scrubber(profileValues: ["name": "Ada Lovelace"])
/// let (text, report) = scrubber.scrub("I'm Ada Lovelace, ada@example.com, +44 20 7946 0958")
/// // text == "I'm [name], [email], [phone]"; report.total == 3
/// ```
public struct Scrubber: Sendable {
    /// How many values of each kind were replaced.
    public struct Report: Hashable, Sendable, Codable {
        /// E-mail addresses.
        public var emails = 0
        /// Phone numbers.
        public var phones = 0
        /// Card-like numbers.
        public var cards = 0
        /// Profile values of the user.
        public var profileValues = 0

        /// An empty report.
        public init() {}

        /// Everything replaced.
        public var total: Int { emails + phones + cards + profileValues }

        /// Adds another report's counts.
        public mutating func add(_ other: Report) {
            emails += other.emails
            phones += other.phones
            cards += other.cards
            profileValues += other.profileValues
        }
    }

    /// Profile values (by key) to replace, longest first.
    public let profileValues: [(key: String, value: String)]

    /// Creates a scrubber for one user's profile values (`key → value`).
    public init(profileValues: [String: String] = [:]) {
        self.profileValues =
            profileValues
            .map { (key: $0.key, value: $0.value.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .filter { $0.value.count >= 3 }
            .sorted { ($0.value.count, $0.key) > ($1.value.count, $1.key) }
    }

    /// The text with personal data replaced, and the counts.
    public func scrub(_ text: String) -> (text: String, report: Report) {
        var report = Report()
        var output = Self.replaceEmails(in: text, count: &report.emails)
        for (key, value) in profileValues {
            let (replaced, count) = Self.replaceWord(value, in: output, with: "[\(Self.placeholderName(key))]")
            output = replaced
            report.profileValues += count
        }
        output = Self.replaceNumbers(in: output, report: &report)
        return (output, report)
    }

    /// The example with personal data replaced in every user message and reply (the system
    /// instruction is the persona's, not the user's, and is kept).
    public func scrub(_ example: TrainingExample) -> (example: TrainingExample, report: Report) {
        var report = Report()
        var scrubbed = example
        for index in scrubbed.messages.indices {
            let (text, counts) = scrub(scrubbed.messages[index].content)
            scrubbed.messages[index].content = text
            report.add(counts)
        }
        return (scrubbed, report)
    }

    /// A profile key as a placeholder name: letters, digits, `.`, `_` and `-`.
    static func placeholderName(_ key: String) -> String {
        let kept = key.lowercased().unicodeScalars.filter {
            ($0.properties.isAlphabetic || $0.properties.numericType != nil) || "._-".unicodeScalars.contains($0)
        }
        return kept.isEmpty ? "profile" : String(String.UnicodeScalarView(kept))
    }

    /// Replaces whole-word, case-insensitive occurrences of `word`.
    static func replaceWord(_ word: String, in text: String, with replacement: String) -> (String, Int) {
        let characters = Array(text)
        let target = Array(word.lowercased())
        guard !target.isEmpty, characters.count >= target.count else { return (text, 0) }
        var output = ""
        var count = 0
        var index = 0
        while index < characters.count {
            if index + target.count <= characters.count,
                isBoundary(characters, before: index), isBoundary(characters, at: index + target.count),
                (0..<target.count).allSatisfy({ characters[index + $0].lowercased() == String(target[$0]) })
            {
                output += replacement
                count += 1
                index += target.count
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        return (output, count)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    private static func isBoundary(_ characters: [Character], before index: Int) -> Bool {
        index == 0 || !isWordCharacter(characters[index - 1])
    }

    private static func isBoundary(_ characters: [Character], at index: Int) -> Bool {
        index >= characters.count || !isWordCharacter(characters[index])
    }
}
