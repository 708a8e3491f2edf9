import MnemeTuning
import Testing

@Suite struct ScrubberTests {
    @Test func replacesAndCountsEachKind() {
        let scrubber = Scrubber(profileValues: ["name": "Ada Lovelace", "city": "Rotterdam", "initial": "A"])
        let (text, report) = scrubber.scrub(
            "I'm ada lovelace from Rotterdam. Mail ada.l+hr@example.co.uk or ada@mail.example, "
                + "call +31 10 555 0142 or (020) 555-0199, card 4111 1111 1111 1111.")
        #expect(
            text
                == "I'm [name] from [city]. Mail [email] or [email], call [phone] or [phone], card [card].")
        #expect(report.profileValues == 2)
        #expect(report.emails == 2)
        #expect(report.phones == 2)
        #expect(report.cards == 1)
        #expect(report.total == 7)
    }

    @Test func leavesDatesShortNumbersAndPartsOfWordsAlone() {
        let scrubber = Scrubber(profileValues: ["name": "Ada"])
        let text = "On 2026-02-01 Adam took 27 days; badge 80417, version 1.2.3, room 4.12, adamant, not@anemail"
        let (scrubbed, report) = scrubber.scrub(text)
        #expect(scrubbed == text)
        #expect(report.total == 0)
    }

    @Test func cardsNeedLuhnOrGroupsOfFour() {
        #expect(Scrubber().scrub("4111111111111111").text == "[card]")
        #expect(Scrubber().scrub("order 4111111111111112").report.cards == 0)
        #expect(Scrubber().scrub("5500-0000-0000-0005").text == "[card]")
        #expect(Scrubber().scrub("id 1234 5678 9012 3456").text == "id [card]", "grouped in fours")
    }

    @Test func scrubsTheMessagesOfAnExampleButNotTheSystemPrompt() {
        let example = TrainingExample(
            system: "Call support at +31 10 555 0160.",
            messages: [.user("I am Ada, ada@example.com"), .assistant("Hi Ada!")])
        let (scrubbed, report) = Scrubber(profileValues: ["name": "Ada"]).scrub(example)
        #expect(scrubbed.system == example.system)
        #expect(scrubbed.messages.map(\.content) == ["I am [name], [email]", "Hi [name]!"])
        #expect(report.profileValues == 2 && report.emails == 1)
    }
}
