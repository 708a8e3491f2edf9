import MnemeContext
import MnemeProviders

/// Applying a ``CallerContext`` to a turn (see its merge rule).
extension Engine {
    /// Puts the caller's system instruction and history into the context input.
    static func apply(_ caller: CallerContext?, to input: inout ContextInput) {
        guard let caller else { return }
        if !caller.system.allSatisfy(\.isWhitespace) {
            input.persona.template =
                caller.appendSystemToPersona ? input.persona.template + "\n\n" + caller.system : caller.system
        }
        guard !caller.history.isEmpty else { return }
        input.history = caller.history.enumerated().map { index, turn in
            HistoryMessage(id: "caller:\(index)", messageId: "caller-\(index)", role: turn.role, text: turn.text)
        }
        let seen = Set(caller.history.map { normalized($0.text) })
        input.recall.removeAll { seen.contains(normalized($0.text)) }
    }

    /// Gives the provider request the caller's sampling settings.
    static func apply(_ caller: CallerContext?, to request: inout ChatRequest) {
        guard let caller else { return }
        request.temperature = caller.temperature
        request.stop = caller.stop
    }

    /// The output reserve: the configured one, lowered to the caller's limit, capped by the model.
    func reservedOutput(caller: CallerContext?, modelLimit: Int) -> Int {
        let asked = caller?.maxOutputTokens.map { max(1, $0) } ?? configuration.reservedOutputTokens
        return min(asked, modelLimit)
    }

    private static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
