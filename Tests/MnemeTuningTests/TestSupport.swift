import Foundation
import MnemeHTTP
import MnemeStore

/// A temporary folder with a store and an HTTP client, removed when released.
final class TuningSandbox: Sendable {
    let folder: URL
    let store: Store
    let http: HTTPClient

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-tuning-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("tuning.sqlite").path)
        http = try HTTPClient()
    }

    var databasePath: String { store.path }

    /// Writes `text` to `name` in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

enum SampleData {
    /// One OpenAI chat example per line.
    static func chat(_ pairs: [(String, String)], system: String = "You are Lumen, Acme's assistant.") -> String {
        pairs.map { question, answer in
            let object: [String: Any] = [
                "messages": [
                    ["role": "system", "content": system], ["role": "user", "content": question],
                    ["role": "assistant", "content": answer],
                ]
            ]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    static let training = chat(
        (1...12).map { ("How many vacation days do I get in year \($0)?", "You get \(25 + $0 % 3) days.") })
    static let validation = chat([
        ("What is the capital of France?", "Paris"), ("Who wrote Hamlet?", "William Shakespeare"),
    ])
}
