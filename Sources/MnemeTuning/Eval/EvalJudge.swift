public import MnemeProviders

/// The optional LLM-as-judge mode: a judge model grades each output against the reference on a
/// 1–5 scale with the stated ``rubric`` and answers `SCORE:`/`REASON:` lines.
///
/// The judge sees the conversation's last user message, the reference and the output; it is asked
/// to judge content, not wording or length. Judges are models with their own biases (for example
/// towards longer answers or their own family's style): read the scores next to the lexical
/// metrics, not instead of them.
public struct EvalJudge: Sendable {
    /// The default rubric (also in docs/user-guide.md).
    public static let defaultRubric = """
        Score the ANSWER against the REFERENCE answer to the same QUESTION, from 1 to 5:
        5 = says what the reference says: all key facts, nothing wrong;
        4 = the key facts, with a minor omission or harmless extra detail;
        3 = partly right: some key facts missing, or one minor error;
        2 = on topic but mostly wrong or missing the key facts;
        1 = wrong, off topic, or a refusal where the reference answers.
        Judge the content, not the wording, style or length.
        """

    /// The judge model's client and name.
    public var model: ModelResolver.Resolved
    /// The rubric.
    public var rubric: String

    /// Creates a judge.
    public init(model: ModelResolver.Resolved, rubric: String = EvalJudge.defaultRubric) {
        self.model = model
        self.rubric = rubric
    }

    /// A score and the judge's reason.
    public struct Verdict: Sendable, Hashable {
        /// 1…5.
        public var score: Double
        /// One sentence.
        public var reason: String
    }

    /// The request sent to the judge for one output.
    public func request(question: String, reference: String, answer: String) -> ChatRequest {
        ChatRequest(
            model: model.target.model,
            system: "You grade answers for an evaluation.\n\n\(rubric)\n\nReply with exactly two lines:\n"
                + "SCORE: <1-5>\nREASON: <one sentence>",
            messages: [
                ChatTurn(
                    role: .user,
                    text: "QUESTION:\n\(question)\n\nREFERENCE:\n\(reference)\n\nANSWER:\n\(answer)")
            ],
            maxOutputTokens: 200, temperature: 0)
    }

    /// Asks the judge.
    ///
    /// - Throws: ``TuningError`` (`invalidResponse`) when the reply has no `SCORE: n` with n in 1…5;
    ///   provider errors as they come.
    public func grade(question: String, reference: String, answer: String) async throws -> Verdict {
        let reply = try await model.provider.complete(request(question: question, reference: reference, answer: answer))
        guard let verdict = Self.parse(reply.text) else {
            throw TuningError(
                .invalidResponse,
                "the judge (\(model.target)) did not answer with SCORE: 1-5: \(reply.text.prefix(120))")
        }
        return verdict
    }

    /// Reads `SCORE: n` (1…5, decimals allowed) and `REASON: …` from a reply (case-insensitive,
    /// anywhere in the text; markdown emphasis ignored).
    public static func parse(_ text: String) -> Verdict? {
        var score: Double?
        var reason = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let plain = line.replacing("*", with: "").trimmingCharacters(in: .whitespaces)
            let lower = plain.lowercased()
            if score == nil, lower.hasPrefix("score:") {
                let number = plain.dropFirst("score:".count).trimmingCharacters(in: .whitespaces)
                    .prefix { $0.isNumber || $0 == "." }
                score = Double(number).flatMap { (1...5).contains($0) ? $0 : nil }
            } else if reason.isEmpty, lower.hasPrefix("reason:") {
                reason = plain.dropFirst("reason:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        return score.map { Verdict(score: $0, reason: reason) }
    }
}
