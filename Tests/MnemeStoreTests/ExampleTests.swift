import Foundation
import MnemeStore
import Testing

@Suite struct ExampleTests {
    @Test func pinnedExamplesComeFirstThenMatchesOfThePersonaAndTenant() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let acme = try await store.ensureTenant("acme")
        try await store.addExample(tenant: "acme", persona: "support", input: "Greet", output: "Hello!", pinned: true)
        try await store.addExample(
            tenant: "acme", persona: "support", input: "How do I reset my password?", output: "A")
        try await store.addExample(tenant: "acme", persona: "", input: "Password rules for contractors", output: "B")
        try await store.addExample(tenant: "acme", persona: "sales", input: "Password discount codes", output: "C")
        try await store.addExample(tenant: "globex", persona: "support", input: "Reset password at Globex", output: "D")

        let found = try await store.examples(tenantID: acme.id, persona: "support", matching: "I forgot my password")
        #expect(found.first?.output == "Hello!", "pinned examples always come first")
        #expect(Set(found.dropFirst().map(\.output)) == ["A", "B"], "shared and own persona only, this tenant only")
        #expect(found.dropFirst().allSatisfy { $0.score > 0 })
        #expect(
            try await store.examples(tenantID: acme.id, persona: "support", matching: "?!").map(\.output) == ["Hello!"])
        await #expect(throws: StoreError.self) {
            try await store.addExample(tenant: "acme", input: "", output: "x")
        }
    }

    @Test func listingAndRemovalStayWithinTheTenant() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let first = try await store.addExample(
            tenant: "acme", persona: "support", input: "Reset password?", output: "A")
        let pinned = try await store.addExample(tenant: "acme", input: "Hi", output: "Hello", pinned: true)
        let foreign = try await store.addExample(tenant: "globex", input: "Reset password?", output: "G")
        #expect(try await store.examples(tenant: "acme").map(\.id) == [pinned, first], "pinned first")
        #expect(try await store.examples(tenant: "acme", persona: "support").map(\.id) == [first])
        #expect(try await store.examples(tenant: "acme", persona: "").map(\.id) == [pinned])
        #expect(try await store.examples(tenant: "nobody").isEmpty)
        #expect(try await store.removeExamples([foreign, first], tenant: "acme") == 1)
        #expect(try await store.examples(tenant: "globex").map(\.id) == [foreign], "another tenant's example stays")
        // A removed example is no longer matched by its words.
        let acme = try await store.ensureTenant("acme")
        #expect(
            try await store.examples(tenantID: acme.id, persona: "support", matching: "reset password").map(\.id) == [
                pinned
            ])
    }
}
