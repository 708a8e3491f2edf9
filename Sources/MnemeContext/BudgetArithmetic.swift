/// The budget arithmetic, so a UI can print
/// `8192 window − 1024 output − 64 margin = 7104 available; used 6890 (history 4100, documents 1900, …)`.
public struct BudgetArithmetic: Sendable, Hashable, Codable {
    /// The model's context window.
    public var contextWindow: Int
    /// Tokens reserved for the answer.
    public var reservedOutput: Int
    /// Safety margin.
    public var safetyMargin: Int
    /// `contextWindow − reservedOutput − safetyMargin`: the final prompt never exceeds it.
    public var available: Int
    /// Reply priming tokens (counted once).
    public var replyPriming: Int
    /// Planned cost of the system instruction and the user message, with their message overheads.
    public var mandatory: Int
    /// `available − replyPriming − mandatory`: what the optional sections share.
    public var flexible: Int
    /// Per section: policy and usage.
    public var sections: [SectionUsage]
    /// Sum of the planned costs of everything included, plus reply priming.
    public var planned: Int
    /// The exact count of the final rendered prompt (the number that is ≤ ``available``).
    public var total: Int
    /// `total − planned`: what joining texts added or saved (BPE is not additive).
    public var joinDifference: Int
    /// How many times the rendered prompt was counted.
    public var recounts: Int

    /// Creates the arithmetic.
    public init(
        contextWindow: Int, reservedOutput: Int, safetyMargin: Int, available: Int, replyPriming: Int,
        mandatory: Int, flexible: Int, sections: [SectionUsage], planned: Int, total: Int, joinDifference: Int,
        recounts: Int
    ) {
        self.contextWindow = contextWindow
        self.reservedOutput = reservedOutput
        self.safetyMargin = safetyMargin
        self.available = available
        self.replyPriming = replyPriming
        self.mandatory = mandatory
        self.flexible = flexible
        self.sections = sections
        self.planned = planned
        self.total = total
        self.joinDifference = joinDifference
        self.recounts = recounts
    }

    enum CodingKeys: String, CodingKey {
        case contextWindow = "context_window"
        case reservedOutput = "reserved_output"
        case safetyMargin = "safety_margin"
        case available
        case replyPriming = "reply_priming"
        case mandatory
        case flexible
        case sections
        case planned
        case total
        case joinDifference = "join_difference"
        case recounts
    }
}
