/// The working state of one ``ContextBuilder/build(_:)`` call.
struct ContextAssembly {
    let input: ContextInput
    let policy: BudgetPolicy
    let counter: TokenCountingFunction
    let limits: ModelLimits
    let trimmer: TextTrimmer
    let userRoleTokens: Int
    let assistantRoleTokens: Int
    let systemRoleTokens: Int

    var entries: [TraceEntry] = []
    var notes: [String] = []
    var pending: [ContextSection: [PlanItem]] = [:]
    var taken: [ContextSection: [PlanItem]] = [:]
    var used: [ContextSection: Int] = [:]
    var headerTokens: [ContextSection: Int] = [:]
    var limitReached: Set<ContextSection> = []

    var personaText = ""
    var personaTokens = 0
    var personaOriginal = ""
    var personaOriginalTokens = 0
    var userText = ""
    var userTokens = 0
    var userOriginalTokens = 0
    var systemEntry = 0
    var userEntry = 0
    var flexible = 0

    /// Whether the counter's counts add up where a line starts (``ContextBuilder/countsAddUpAtLineStarts``).
    let countsAddUpAtLineStarts: Bool

    init(
        input: ContextInput, policy: BudgetPolicy, counter: @escaping TokenCountingFunction,
        countsAddUpAtLineStarts: Bool = false
    ) {
        self.input = input
        self.policy = policy
        self.counter = counter
        self.countsAddUpAtLineStarts = countsAddUpAtLineStarts
        self.limits = input.limits
        self.trimmer = TextTrimmer(counter: counter, marker: policy.trimMarker)
        self.userRoleTokens = counter(ChatRole.user.rawValue)
        self.assistantRoleTokens = counter(ChatRole.assistant.rawValue)
        self.systemRoleTokens = counter("system")
    }

    func roleTokens(_ role: ChatRole) -> Int { role == .user ? userRoleTokens : assistantRoleTokens }

    var messageOverhead: (system: Int, user: Int) {
        (limits.tokensPerMessage + systemRoleTokens, limits.tokensPerMessage + userRoleTokens)
    }

    var mandatoryTokens: Int {
        messageOverhead.system + personaTokens + messageOverhead.user + userTokens
    }

    mutating func run() throws(ContextError) -> BuiltContext {
        prepareMandatory()
        try fitMandatory()
        flexible = max(0, limits.available - limits.replyPriming - mandatoryTokens)
        for section in ContextSection.optional {
            let header = PromptLayout.header(of: section)
            headerTokens[section] = header.isEmpty ? 0 : counter(header) + 2
            taken[section] = []
            used[section] = 0
        }
        prepareFacts()
        prepareExamples()
        prepareDocuments()
        prepareRecall()
        prepareHistory()
        trimOverlong()
        allocate()
        let (prompt, total, recounts) = try recount()
        return BuiltContext(prompt: prompt, trace: finishTrace(total: total, recounts: recounts))
    }

    // MARK: - Entries

    mutating func addEntry(
        id: String, section: ContextSection, reason: TraceReason, tokens: Int, score: Double? = nil,
        pinned: Bool? = nil, duplicateOf: String? = nil, detail: String? = nil, source: TraceSource? = nil
    ) -> Int {
        entries.append(
            TraceEntry(
                id: id, section: section, included: false, reason: reason, tokens: tokens, score: score,
                pinned: pinned, duplicateOf: duplicateOf, detail: detail, source: source))
        return entries.count - 1
    }

    // MARK: - Mandatory parts

    mutating func prepareMandatory() {
        let facts = Dictionary(input.facts.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let rendered = input.persona.render { name in input.variables[name] ?? facts[name] }
        if !rendered.unresolved.isEmpty {
            notes.append("unresolved template variables: \(rendered.unresolved.joined(separator: ", "))")
        }
        personaOriginal = rendered.text
        personaText = rendered.text
        personaOriginalTokens = counter(personaText)
        personaTokens = personaOriginalTokens
        userText = input.userMessage
        userOriginalTokens = counter(userText)
        userTokens = userOriginalTokens
        systemEntry = addEntry(
            id: "persona:\(input.persona.id)", section: .system, reason: .included, tokens: 0,
            detail: "mandatory")
        userEntry = addEntry(
            id: "user_message", section: .userMessage, reason: .included, tokens: 0, detail: "mandatory",
            source: TraceSource(messageId: input.userMessageId, role: .user))
    }

    /// Trims the system instruction and/or the user message when they alone exceed the budget.
    mutating func fitMandatory() throws(ContextError) {
        let room = limits.available - limits.replyPriming - messageOverhead.system - messageOverhead.user
        guard personaTokens + userTokens > room else { return }
        var personaTarget = personaTokens
        var userTarget = userTokens
        if personaTokens <= room / 2 {
            userTarget = room - personaTokens
        } else if userTokens <= room / 2 {
            personaTarget = room - userTokens
        } else {
            personaTarget = room / 2
            userTarget = room - personaTarget
        }
        if personaTarget < personaTokens { try trimPersona(to: personaTarget) }
        if userTarget < userTokens { try trimUser(to: userTarget) }
    }

    mutating func trimPersona(to target: Int) throws(ContextError) {
        guard let result = trimmer.trim(personaOriginal, toTokens: target) else { throw tooSmall() }
        personaText = result.text
        personaTokens = result.tokens
        notes.append("system instruction trimmed from \(personaOriginalTokens) to \(personaTokens) tokens to fit")
    }

    mutating func trimUser(to target: Int) throws(ContextError) {
        guard let result = trimmer.trim(input.userMessage, toTokens: target) else { throw tooSmall() }
        userText = result.text
        userTokens = result.tokens
        notes.append("user message trimmed from \(userOriginalTokens) to \(userTokens) tokens to fit")
    }

    func tooSmall() -> ContextError {
        ContextError(
            code: .budgetTooSmall,
            message: "the prompt budget (\(limits.available) tokens) cannot hold even the trimmed system "
                + "instruction and user message with their overheads; raise the context window or lower the "
                + "reserved output and safety margin")
    }
}
