import Foundation
import MnemeStore
import Testing

@Suite struct RecallTests {
    /// 2026-01-01 plus `days`, at noon UTC.
    static func day(_ days: Double) -> Date { Date(timeIntervalSince1970: 1_767_268_800 + days * 86_400) }

    /// Appends (role, text) pairs to a new session of `user`, a minute apart from `start`.
    func session(_ store: Store, _ user: User, start: Double, _ messages: [(Message.Role, String)]) async throws
        -> [Message]
    {
        let session = try await store.createSession(for: user.scope)
        return try await store.append(
            contentsOf: messages.enumerated().map { index, pair in
                NewMessage(
                    role: pair.0, content: pair.1, createdAt: Self.day(start).addingTimeInterval(Double(index) * 60))
            },
            to: session.id, for: user.scope)
    }

    @Test func aMatchComesBackWithTheRestOfItsTurn() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        let stored = try await session(
            temp.store, ada, start: 0,
            [
                (.user, "We're going to Kyoto for four nights in April. Where would you stay?"),
                (.assistant, "For a first visit I'd pick Casa do Conto: quiet at night, near the sights."),
                (.user, "And how do I get from the airport?"),
                (.assistant, "Take the express train; it takes about 75 minutes."),
            ])
        // The answer matches; its question comes with it, in the order they were written.
        let byAnswer = try await temp.store.recall(RecallRequest(text: "Casa do Conto"), for: ada.scope)
        #expect(byAnswer.map(\.message.id) == [stored[0].id, stored[1].id])
        #expect(byAnswer.map(\.matched) == [false, true])
        #expect(Set(byAnswer.map(\.turn)) == [stored[0].id])
        #expect(byAnswer.allSatisfy { $0.score == 1 })
        // The question matches; its answer comes with it.
        let byQuestion = try await temp.store.recall(RecallRequest(text: "Where to stay in Kyoto?"), for: ada.scope)
        #expect(byQuestion.map(\.message.id) == [stored[0].id, stored[1].id])
    }

    @Test func excludedMessagesAndOtherUsersNeverComeBack() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        let bob = try await temp.store.ensureUser(tenant: "acme", externalID: "bob")
        let other = try await temp.store.ensureUser(tenant: "globex", externalID: "ada")
        let stored = try await session(
            temp.store, ada, start: 0, [(.user, "My locker number is 4711"), (.assistant, "Noted, locker 4711.")])
        _ = try await session(temp.store, bob, start: 0, [(.user, "My locker number is 9000"), (.assistant, "OK")])
        _ = try await session(temp.store, other, start: 0, [(.user, "Locker number 1234"), (.assistant, "OK")])
        let recalled = try await temp.store.recall(RecallRequest(text: "locker number"), for: ada.scope)
        #expect(recalled.map(\.message.id) == stored.map(\.id))
        // Messages already in the prompt are left out, also as members of a turn.
        let rest = try await temp.store.recall(
            RecallRequest(text: "locker number", excluding: [stored[0].id]), for: ada.scope)
        #expect(rest.map(\.message.id) == [stored[1].id])
        for hostile in ["\"", "NEAR(a b)", "content:locker", "(((", "a\u{0}b", "***", ""] {
            _ = try await temp.store.recall(RecallRequest(text: hostile), for: ada.scope)
        }
    }

    /// `excludingRecent` leaves out what the recent history holds — the user and assistant messages
    /// among the session's last ones — as passing their ids does; another user's session, nothing.
    @Test func theRecentHistoryIsExcludedByTheStoreAsByIds() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        let bob = try await temp.store.ensureUser(tenant: "acme", externalID: "bob")
        _ = try await session(
            temp.store, ada, start: 0, [(.user, "The boiler code is 31"), (.assistant, "Boiler code 31, noted.")])
        let current = try await session(
            temp.store, ada, start: 5,
            [
                (.user, "What was the boiler code?"), (.system, "boiler code reminder"), (.assistant, "It is 31."),
                (.user, "And the boiler brand?"), (.assistant, "Vaillant boiler."),
            ])
        let session = current[0].sessionID
        for count in [0, 1, 2, 3, 5, 9] {
            let history = try await temp.store.recentMessages(in: session, for: ada.scope, limit: count)
                .filter { $0.role == .user || $0.role == .assistant }
            var byStore = RecallRequest(text: "boiler code", hits: 20)
            byStore.excludingRecent = .init(session: session, count: count)
            let excluded = try await temp.store.recall(byStore, for: ada.scope)
            let byIds = try await temp.store.recall(
                RecallRequest(text: "boiler code", hits: 20, excluding: Set(history.map(\.id))), for: ada.scope)
            #expect(excluded.map(\.message.id) == byIds.map(\.message.id), "last \(count)")
            #expect(excluded.allSatisfy { hit in !history.contains { $0.id == hit.message.id } })
        }
        let all = try await temp.store.recall(RecallRequest(text: "boiler code", hits: 20), for: ada.scope)
        #expect(all.contains { $0.message.sessionID == session }, "the current session's messages match")
        // Bob naming Ada's session excludes nothing of his (nor reveals anything of hers).
        _ = try await self.session(temp.store, bob, start: 1, [(.user, "My boiler code?"), (.assistant, "Code 7.")])
        var foreign = RecallRequest(text: "boiler code", hits: 20)
        foreign.excludingRecent = .init(session: session, count: 9)
        let bobs = try await temp.store.recall(RecallRequest(text: "boiler code", hits: 20), for: bob.scope)
        #expect(bobs.count == 2)
        #expect(try await temp.store.recall(foreign, for: bob.scope) == bobs)
    }

    @Test func aTimeWindowRanksItsMatchesFirst() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        let march = try await session(
            temp.store, ada, start: 70, [(.user, "I'm reading Piranesi at the moment."), (.assistant, "Lovely.")])
        // Later sessions match better (shorter, repeated words) but were not written in March.
        for offset in [150.0, 200, 250] {
            _ = try await session(temp.store, ada, start: offset, [(.user, "reading, reading"), (.assistant, "Good.")])
        }
        let window = Self.day(59)..<Self.day(90)
        let plain = try await temp.store.recall(RecallRequest(text: "what was I reading", hits: 1), for: ada.scope)
        #expect(plain.first?.message.id != march[0].id)
        let dated = try await temp.store.recall(
            RecallRequest(text: "what was I reading", hits: 1, windows: [window]), for: ada.scope)
        #expect(dated.map(\.message.id) == march.map(\.id))
        // No words to match: the window's most recent turns.
        let onlyTime = try await temp.store.recall(RecallRequest(text: "", windows: [window]), for: ada.scope)
        #expect(Set(onlyTime.map(\.message.id)) == Set(march.map(\.id)))
    }

    @Test func recencyPrefersNewerMatchesAndScoresAreRelative() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        let old = try await session(temp.store, ada, start: 0, [(.user, "My sister moved to Lisbon.")])
        let new = try await session(temp.store, ada, start: 300, [(.user, "My sister moved to Porto.")])
        let request = RecallRequest(text: "sister moved", recency: 1, now: Self.day(301))
        let recalled = try await temp.store.recall(request, for: ada.scope)
        #expect(recalled.map(\.message.id) == [new[0].id, old[0].id])
        #expect(recalled[0].score == 1)
        #expect(recalled[1].score > 0 && recalled[1].score < 1)
    }

    @Test func neighboursBringTheTurnBefore() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        let stored = try await session(
            temp.store, ada, start: 0,
            [
                (.user, "Can you help me plan a dinner party?"),
                (.assistant, "How many guests?"),
                (.user, "Eight people, two vegetarian."),
                (.assistant, "Then I'd suggest this menu: risotto and a lemon posset."),
            ])
        let without = try await temp.store.recall(RecallRequest(text: "menu"), for: ada.scope)
        #expect(without.map(\.message.id) == [stored[2].id, stored[3].id])
        let with = try await temp.store.recall(RecallRequest(text: "menu", neighbors: true), for: ada.scope)
        #expect(with.map(\.message.id) == [stored[2].id, stored[3].id, stored[0].id, stored[1].id])
        #expect(with[2].score == 0.5 && !with[2].matched)
    }

    /// The turn window reaches back far enough in a long session: the matched answer's question two
    /// messages back, and the turn before it (an answer with its question) as the neighbour.
    @Test func neighboursInALongSessionComeFromTheRightMessages() async throws {
        let temp = try TemporaryStore()
        let ada = try await temp.store.ensureUser(tenant: "acme", externalID: "ada")
        var pairs: [(Message.Role, String)] = (0..<12).map { ($0 % 2 == 0 ? .user : .assistant, "small talk \($0)") }
        pairs += [
            (.user, "What should I cook on Friday?"),
            (.assistant, "Something simple."),
            (.assistant, "A saffron risotto, perhaps."),
            (.user, "And for dessert?"),
            (.assistant, "Poached pears."),
        ]
        let stored = try await session(temp.store, ada, start: 0, pairs)
        let recalled = try await temp.store.recall(RecallRequest(text: "saffron", neighbors: true), for: ada.scope)
        #expect(recalled.map(\.message.id) == [12, 13, 14, 10, 11].map { stored[$0].id })
        #expect(recalled.map(\.matched) == [false, false, true, false, false])
        let dessert = try await temp.store.recall(RecallRequest(text: "dessert", neighbors: true), for: ada.scope)
        #expect(dessert.map(\.message.id) == [15, 16, 12, 13, 14].map { stored[$0].id })
    }
}
