import Foundation
import MnemeStore
import Testing

/// Pseudo-relevance feedback is used only on an index of at least 1,000 chunks: on a small index
/// a question has few relevant chunks, and the words of the others pull the query away.
@Suite struct FeedbackGateTests {
    private func document(_ uri: String, _ texts: [String]) -> DocumentInput {
        DocumentInput(
            collection: "c", uri: uri, title: uri, format: "text", size: 1, modifiedAt: Date(), contentHash: uri,
            chunks: texts.map {
                NewChunk(headingPath: [], text: $0, startOffset: 0, endOffset: $0.unicodeScalars.count, tokenCount: 8)
            })
    }

    /// A vacation policy of three chunks, and `filler` chunks about something else.
    private func store(filler: Int) async throws -> (TemporaryStore, UserScope) {
        let temp = try TemporaryStore()
        let user = try await temp.store.ensureUser(tenant: "acme", externalID: "alice")
        var documents = [
            document(
                "policy",
                [
                    "Vacation days accrue monthly, two days per month of employment.",
                    "Vacation requests go through Harbor and your manager approves them within three days.",
                    "Unused vacation carries over until March; after March the days expire.",
                ])
        ]
        if filler > 0 {
            documents.append(
                document(
                    "printers", (0..<filler).map { "Printer \($0) in room \($0 % 40) takes toner cartridge \($0 % 7)." }
                ))
        }
        try await temp.store.replaceDocuments(documents, tenant: "acme")
        return (temp, user.scope)
    }

    private func search(_ store: Store, _ scope: UserScope, feedback: Bool) async throws -> [ChunkHit] {
        try await store.searchDocuments("vacation days", for: scope, limit: 3, perDocument: nil, feedback: feedback)
    }

    @Test func feedbackReRanksOnALargeIndex() async throws {
        let (temp, scope) = try await store(filler: 1_000)
        let plain = try await search(temp.store, scope, feedback: false)
        let expanded = try await search(temp.store, scope, feedback: true)
        #expect(plain.count == 3)
        #expect(Set(expanded.map(\.chunkID)) == Set(plain.map(\.chunkID)), "feedback re-ranks the same chunks")
        #expect(expanded.map(\.score) != plain.map(\.score), "scored by the expanded query")
    }

    @Test
    func feedbackIsNotUsedOnASmallIndex() async throws {
        let (temp, scope) = try await store(filler: 900)
        let plain = try await search(temp.store, scope, feedback: false)
        #expect(plain.count == 3)
        #expect(try await search(temp.store, scope, feedback: true) == plain, "903 chunks: no feedback")
    }
}
