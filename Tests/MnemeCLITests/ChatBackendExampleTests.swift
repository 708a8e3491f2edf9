import Foundation
import Testing

/// Drives examples/chat-backend (the embedding example) as a real process over its JSON-lines protocol.
@Suite struct ChatBackendExampleTests {
    final class Backend {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        var buffer = ""

        init(database: String, folder: URL) throws {
            process.executableURL = CLIRunner.executable.deletingLastPathComponent()
                .appendingPathComponent("mneme-chat-backend")
            var environment = ProcessInfo.processInfo.environment
            for key in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "MNEME_CONFIG"] {
                environment.removeValue(forKey: key)
            }
            environment["MNEME_DB"] = database
            process.environment = environment
            process.currentDirectoryURL = folder
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ line: String) {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
        }

        /// Answer lines up to and including the first whose event is one of `events`.
        func read(until events: Set<String>) throws -> [[String: Any]] {
            var lines: [[String: Any]] = []
            while true {
                while let newline = buffer.firstIndex(of: "\n") {
                    let line = String(buffer[..<newline])
                    buffer.removeSubrange(...newline)
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    lines.append(object)
                    if let event = object["event"] as? String, events.contains(event) { return lines }
                }
                let data = output.fileHandleForReading.availableData
                if data.isEmpty {
                    Issue.record("the backend exited early; got \(lines)")
                    return lines
                }
                buffer += String(decoding: data, as: UTF8.self)
            }
        }

        func close() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    @Test func turnsStreamRememberAndForget() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let backend = try Backend(database: cli.database, folder: cli.folder)
        defer { backend.close() }

        backend.send(#"{"id":"t1","user":"ada","message":"Hi, my name is Ada."}"#)
        let first = try backend.read(until: ["done", "error"])
        #expect(first.dropLast().allSatisfy { $0["event"] as? String == "delta" && $0["id"] as? String == "t1" })
        let done = try #require(first.last)
        #expect(done["event"] as? String == "done")
        let reply = try #require(done["reply"] as? String)
        #expect(reply == first.dropLast().compactMap { $0["text"] as? String }.joined(), "deltas add up to the reply")
        #expect(reply.contains("Ada"))
        let session = try #require(done["session"] as? Int)

        backend.send(#"{"id":"t2","user":"ada","session":\#(session),"message":"What is my name?"}"#)
        let second = try #require(try backend.read(until: ["done", "error"]).last)
        #expect(second["session"] as? Int == session)

        backend.send(#"{"id":"f","op":"facts","user":"ada"}"#)
        let facts = try #require(try backend.read(until: ["facts", "error"]).last?["facts"] as? [String: String])
        #expect(facts.values.contains("Ada"))

        backend.send("not json")
        #expect(try backend.read(until: ["error"]).last?["message"] as? String != nil)
        backend.send(#"{"id":"x","message":"no user"}"#)
        #expect((try backend.read(until: ["error"]).last?["message"] as? String)?.contains("user") == true)
        backend.send(#"{"id":"s","user":"ada","session":999,"message":"foreign session"}"#)
        #expect(try backend.read(until: ["error", "done"]).last?["event"] as? String == "error")

        backend.send(#"{"id":"g","op":"forget","user":"ada"}"#)
        #expect(try backend.read(until: ["forgotten"]).last?["found"] as? Bool == true)
        backend.send(#"{"id":"f2","op":"facts","user":"ada"}"#)
        #expect((try backend.read(until: ["facts"]).last?["facts"] as? [String: String])?.isEmpty == true)
    }
}
