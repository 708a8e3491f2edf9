import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ChatCommandTests {
    @Test func aConversationRemembersAcrossSessionsExplainsAndForgets() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let script = """
            Hi, my name is Ada and I prefer short answers.
            Remember that my badge number is 80417.
            How many vacation days do I get?
            /explain
            /new
            What is my name?
            /profile
            What was my badge number?
            /explain
            /forget all
            /profile

            """
        let result = try cli.run(["chat", "--user", "ada"], stdin: script)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("model offline:offline"))
        #expect(out.contains("Indexed the sample handbook"))
        #expect(out.contains("(remembered: name = Ada"))
        #expect(out.contains("27 working days"), "answered from the sample corpus")
        #expect(out.contains("SECTION") && out.contains("documents") && out.contains("history"))
        #expect(out.contains("New session"))
        #expect(out.contains("Your name is Ada."), "the profile carries over to the new session")
        #expect(out.contains("name = Ada  (extracted)"))
        // The second /explain shows the older session's turn recalled into the new session's prompt.
        let lastExplain = try #require(out.components(separatedBy: "Turn ").last)
        #expect(lastExplain.contains("recall        yes"))
        #expect(out.contains("Erased everything about 'ada'"))
        #expect(out.contains("I know nothing about you yet."))
        #expect(out.hasSuffix("Bye.\n"))
    }

    @Test func killingTheProcessMidAnswerKeepsTheUserMessageAndAConsistentDatabase() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["chat", "--user", "ada", "--db", cli.database]
        var environment = ProcessInfo.processInfo.environment
        environment["MNEME_OFFLINE_DELAY_MS"] = "200"
        for key in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"] {
            environment.removeValue(forKey: key)
        }
        process.environment = environment
        process.currentDirectoryURL = cli.folder
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("How many vacation days do I get?\n".utf8))
        // Wait until the answer has started streaming, then kill.
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        // poll(2) before each read, so a child that never answers cannot hang the test past the deadline.
        var descriptor = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while Date() < deadline {
            guard poll(&descriptor, 1, 500) > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
            if String(decoding: seen, as: UTF8.self).contains("Hi")
                || String(decoding: seen, as: UTF8.self).contains("Here")
            {
                break
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let history = try cli.run(["history", "export", "--user", "ada"])
        #expect(history.status == 0)
        #expect(history.stdout.contains("How many vacation days do I get?"), "the user message was stored first")
        let profile = try cli.run(["profile", "show", "--user", "ada"])
        #expect(profile.status == 0, "the database opens cleanly after the kill")
        // The next run continues normally.
        let again = try cli.run(["ask", "--user", "ada", "How many vacation days do I get?"])
        #expect(again.stdout.contains("27 working days"))
    }
}
