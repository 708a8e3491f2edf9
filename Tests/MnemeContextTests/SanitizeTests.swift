import Testing

@testable import MnemeContext

@Suite struct SanitizeTests {
    /// The implementation without its ASCII shortcut.
    static func reference(_ value: String) -> String {
        let oneLine = value.split(whereSeparator: \.isNewline).joined(separator: " ")
        let trimmed = oneLine.trimmingWhitespace()
        return trimmed.count > 200 ? String(trimmed.prefix(200)) : String(trimmed)
    }

    @Test("profile values are cleaned as before, shortcut or not")
    func sameAsWithoutShortcut() {
        let pieces = [
            "Ada", " ", "\n", "\r\n", "\t", "x", "~", "é", "\u{2028}", "\u{A0}", "Лондон", "!", "  ", "\u{7F}",
        ]
        var random = SeededGenerator(seed: 99)
        for _ in 0..<3_000 {
            let value = (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                pieces.randomElement(using: &random)!
            }.joined()
            #expect(Persona.sanitize(value) == Self.reference(value), "\(value.debugDescription)")
        }
        let long = String(repeating: "a", count: 250)
        #expect(Persona.sanitize(long) == String(repeating: "a", count: 200))
        #expect(Persona.sanitize(" Ada Lovelace ") == "Ada Lovelace")
        #expect(Persona.sanitize("London\nEngland") == "London England")
    }
}
