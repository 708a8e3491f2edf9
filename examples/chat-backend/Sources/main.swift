// A minimal chat backend embedding Mneme's Engine: JSON lines in on stdin, JSON lines out on stdout.
//
// Requests (one JSON object a line; "id" is echoed on every answer line):
//   {"id": "1", "user": "ada", "message": "Hi, my name is Ada"}                  a turn in a new session
//   {"id": "2", "user": "ada", "session": 1, "message": "How many vacation days?"}  continue a session
//   {"id": "3", "op": "facts", "user": "ada"}                                      the user's profile
//   {"id": "4", "op": "forget", "user": "ada"}                                     erase the user
// Optional on every request: "tenant" (default "default"), and for turns "model" and "persona".
//
// Answers: {"id", "event": "delta", "text"} while the reply streams, then
// {"id", "event": "done", "session", "turn", "reply", "cost_usd"}; {"id", "event": "error", "message"} on failure.
// Requests run concurrently: many sessions share one Engine.
//
// Configuration: --config FILE or $MNEME_CONFIG or ./mneme.toml, as for the `mneme` command.
import Foundation
import Mneme
import Synchronization

let arguments = CommandLine.arguments
let explicit = arguments.firstIndex(of: "--config").flatMap {
    arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil
}
let configuration: EngineConfiguration
do {
    configuration =
        try ConfigFile.locate(explicit: explicit).map { try EngineConfiguration(file: $0) } ?? EngineConfiguration()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let engine = try Engine(configuration: configuration)
let output = Output()
FileHandle.standardError.write(
    Data("chat backend ready: model \(engine.defaultModel), database \(configuration.databasePath)\n".utf8))

await withTaskGroup(of: Void.self) { group in
    while let line = readLine() {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
        group.addTask { await handle(line) }
    }
}
// With `memory_extractor = "llm"`, facts are extracted after each reply in the background: let them finish.
await engine.waitForBackgroundWork()

/// Writes answer lines whole, one at a time, from concurrent requests.
final class Output: Sendable {
    private let lock = Mutex(())

    func send(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        lock.withLock { _ in FileHandle.standardOutput.write(data + Data("\n".utf8)) }
    }
}

func handle(_ line: String) async {
    guard let request = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
        output.send(["event": "error", "message": "not a JSON object: \(line.prefix(80))"])
        return
    }
    let id = request["id"] ?? NSNull()
    let tenant = request["tenant"] as? String ?? "default"
    guard let user = request["user"] as? String, !user.isEmpty else {
        output.send(["id": id, "event": "error", "message": "every request needs a \"user\""])
        return
    }
    do {
        switch request["op"] as? String ?? "turn" {
        case "turn":
            try await turn(request, id: id, tenant: tenant, user: user)
        case "facts":
            let facts = try await engine.facts(tenant: tenant, user: user)
            output.send([
                "id": id, "event": "facts", "facts": Dictionary(facts.map { ($0.key, $0.value) }) { first, _ in first },
            ])
        case "forget":
            let report = try await engine.forget(tenant: tenant, user: user)
            output.send(["id": id, "event": "forgotten", "found": report != nil])
        case let op:
            output.send(["id": id, "event": "error", "message": "unknown op '\(op)' (turn, facts, forget)"])
        }
    } catch {
        output.send(["id": id, "event": "error", "message": String(describing: error)])
    }
}

func turn(_ request: [String: Any], id: Any, tenant: String, user: String) async throws {
    guard let message = request["message"] as? String else {
        output.send(["id": id, "event": "error", "message": "a turn needs a \"message\""])
        return
    }
    let session = (request["session"] as? NSNumber)?.int64Value
    let options = TurnOptions(model: request["model"] as? String, persona: request["persona"] as? String)
    var reply = ""
    for try await event in engine.respond(
        tenant: tenant, user: user, session: session, message: message, options: options)
    {
        switch event {
        case .delta(let text):
            reply += text
            output.send(["id": id, "event": "delta", "text": text])
        case .finished(let record):
            output.send([
                "id": id, "event": "done", "session": record.sessionID, "turn": record.id, "reply": reply,
                "cost_usd": record.costUSD ?? NSNull(),
            ])
        default:
            break
        }
    }
}
