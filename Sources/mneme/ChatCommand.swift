import ArgumentParser
import CEditLine
import Dispatch
import Foundation
import Mneme
import MnemeContext
import MnemeProviders
import MnemeStore

#if canImport(Glibc)
    import Glibc
#endif

/// `mneme chat`: the REPL demo chatbot.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with the assistant (the demo): memory, documents and an explainable prompt.",
        discussion: """
            Runs on the offline provider when no API key is set, over the sample handbook (indexed on first \
            start). Set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or --model) to use a real model. \
            Type /help for commands; Ctrl-C stops an answer, Ctrl-D quits.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "A route name or provider:model.")
    var model: String?

    @Option(help: "The persona.")
    var persona: String?

    func run() async throws {
        let engine = try EngineSetup.engine(global, model: model)
        let terminal = isatty(STDIN_FILENO) == 1
        Output.line(
            "Mneme demo chatbot — model \(model ?? engine.defaultModel) (\(model == nil ? engine.defaultModelReason : "chosen with --model"))."
        )
        if let note = try await EngineSetup.indexSampleCorpusIfEmpty(
            engine, tenant: global.tenantName, progress: terminal)
        {
            Output.line(note)
        }
        // A chat session lasts: its searches rank in memory once the document index's common words
        // are loaded, in the background, while the user types.
        let store = engine.store
        Task.detached(priority: .utility) { try? await store.preloadSearchCache() }
        Output.line(
            "You are '\(global.userID)' in tenant '\(global.tenantName)'. Type /help for commands, Ctrl-D to quit.")
        var state = ChatState(
            engine: engine, tenant: global.tenantName, user: global.userID, model: model, persona: persona)
        var input = ChatInput(terminal: terminal)
        let interrupts = InterruptWatcher()
        while let line = input.next(prompt: "\(state.user)> ") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("/") {
                do {
                    if try await state.command(text) == .quit { break }
                } catch {
                    Output.error("error: \(error)")
                }
                continue
            }
            await state.turn(text, interrupts: interrupts)
        }
        await engine.waitForBackgroundWork()  // the model-based memory extractor, if configured
        Output.line("Bye.")
    }
}

/// Lines typed by the user: libedit on a terminal (editing, history), plain lines otherwise.
struct ChatInput {
    let terminal: Bool
    private var reader: LineReader?

    init(terminal: Bool) {
        self.terminal = terminal
        if !terminal { reader = try? LineReader(path: "-") }
    }

    mutating func next(prompt: String) -> String? {
        if terminal {
            guard let pointer = mneme_readline(prompt) else { return nil }
            defer { mneme_free(pointer) }
            let line = String(cString: pointer)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { mneme_add_history(pointer) }
            return line
        }
        guard let line = try? reader?.next() else { return nil }
        Output.line("\(prompt)\(line.text)")
        return line.text
    }
}

/// Turns Ctrl-C into cancelling the current answer instead of ending the program.
///
/// `@unchecked Sendable`: `current` is only read or written under `lock`, and `source` is set
/// once in `init` (dispatch sources are thread-safe).
final class InterruptWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Task<Void, Never>?
    private let source: any DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.cancelCurrent() }
        source.resume()
    }

    private func cancelCurrent() {
        lock.lock()
        defer { lock.unlock() }
        current?.cancel()
    }

    private func setCurrent(_ task: Task<Void, Never>?) {
        lock.lock()
        defer { lock.unlock() }
        current = task
    }

    /// Runs `body` so that Ctrl-C cancels it.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await body() }
        setCurrent(CancelRelay(task).relay)
        let value = await task.value
        setCurrent(nil)
        return value
    }
}

/// A `Task<Void, Never>` whose cancellation cancels another task of any result type.
private struct CancelRelay<T: Sendable> {
    let relay: Task<Void, Never>

    init(_ task: Task<T, Never>) {
        relay = Task {
            await withTaskCancellationHandler {
                _ = await task.value
            } onCancel: {
                task.cancel()
            }
        }
    }
}
