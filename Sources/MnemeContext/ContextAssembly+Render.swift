/// Rendering the planned items into a ``Prompt`` and counting it exactly.
extension ContextAssembly {
    /// The prompt, and the token count of each message's text (known from planning: a message is counted on
    /// its own, so its count cannot change when it is joined into the prompt).
    func render() -> (prompt: Prompt, messageTokens: [Int]) {
        var blocks: [String] = [personaText]
        if let facts = nonEmptyTaken(.facts) {
            let lines = facts.map { item -> String in
                guard case .fact(let key) = item.kind else { return "" }
                return PromptLayout.factLinePrefix(key: key) + item.pieces[0].text
            }
            blocks.append(PromptLayout.factsHeader + "\n" + lines.joined(separator: "\n"))
        }
        if let recall = nonEmptyTaken(.recall) {
            // Oldest turn first: the section reads as a timeline (ranks still decide what is dropped).
            let timeline = recall.enumerated().sorted { lhs, rhs in
                guard case .recall(_, let left) = lhs.element.kind, case .recall(_, let right) = rhs.element.kind
                else { return lhs.offset < rhs.offset }
                let (leftTime, rightTime) = (left ?? .distantFuture, right ?? .distantFuture)
                return leftTime != rightTime ? leftTime < rightTime : lhs.offset < rhs.offset
            }
            let lines = timeline.flatMap { _, item -> [String] in
                guard case .recall(let prefixes, _) = item.kind else { return [] }
                return zip(prefixes, item.pieces).map { $0 + $1.text }
            }
            blocks.append(PromptLayout.recallHeader + "\n" + lines.joined(separator: "\n"))
        }
        var messages: [PromptMessage] = []
        var messageTokens: [Int] = []
        if let examples = nonEmptyTaken(.examples) {
            switch policy.examplePlacement {
            case .messages:
                for item in examples {
                    messages += item.pieces.map { PromptMessage(role: $0.role, text: $0.text) }
                    messageTokens += item.pieces.map(\.textTokens)
                }
            case .system:
                let pairs = examples.map { item in
                    item.pieces.map { PromptLayout.exampleLinePrefix($0.role) + $0.text }.joined(separator: "\n")
                }
                blocks.append(PromptLayout.examplesHeader + "\n" + pairs.joined(separator: "\n\n"))
            }
        }
        if let documents = nonEmptyTaken(.documents) {
            let quoted = documents.enumerated().map { position, item -> String in
                guard case .document(let source) = item.kind else { return "" }
                return PromptLayout.documentOpening(index: position + 1, source: source) + item.pieces[0].text
                    + PromptLayout.documentClosing()
            }
            blocks.append(PromptLayout.documentsHeader + "\n" + quoted.joined(separator: "\n\n"))
        }
        if let history = nonEmptyTaken(.history) {
            for item in history.reversed() {
                messages += item.pieces.map { PromptMessage(role: $0.role, text: $0.text) }
                messageTokens += item.pieces.map(\.textTokens)
            }
        }
        messages.append(PromptMessage(role: .user, text: userText))
        messageTokens.append(userTokens)
        let system = blocks.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return (Prompt(system: system, messages: messages), messageTokens)
    }

    /// Taken items of a section in rank order (most valuable first), or `nil` if none.
    func nonEmptyTaken(_ section: ContextSection) -> [PlanItem]? {
        guard let items = taken[section], !items.isEmpty else { return nil }
        return items.sorted { $0.rank < $1.rank }
    }

    /// What the provider counts: reply priming plus, per message, its overhead, role and content. The system
    /// text, which joins blocks, is counted again; message texts use their known counts.
    func exactCount(_ prompt: Prompt, messageTokens: [Int]) -> Int {
        var total = limits.replyPriming
        if !prompt.system.isEmpty {
            total += limits.tokensPerMessage + systemRoleTokens + systemTokens(prompt.system)
        }
        for (message, tokens) in zip(prompt.messages, messageTokens) {
            total += limits.tokensPerMessage + roleTokens(message.role) + tokens
        }
        return total
    }

    /// The count of the system text: line by line where the counter's counts add up at line starts
    /// (lines repeated from turn to turn — facts, examples, recalled lines — then cost a look-up in a
    /// caching counter), otherwise as a whole.
    func systemTokens(_ system: String) -> Int {
        guard countsAddUpAtLineStarts else { return counter(system) }
        return ContextBuilder.lineStartSegments(of: system).reduce(0) { $0 + counter(String($1)) }
    }

    /// Renders and recounts; while over budget, drops the lowest-priority, least valuable item (or, with
    /// nothing optional left, trims the mandatory parts further) and recounts.
    mutating func recount() throws(ContextError) -> (Prompt, Int, Int) {
        var recounts = 0
        var shrinkSteps = 0
        while true {
            let (prompt, messageTokens) = render()
            let total = exactCount(prompt, messageTokens: messageTokens)
            recounts += 1
            let over = total - limits.available
            if over <= 0 { return (prompt, total, recounts) }
            var saved = 0
            while saved < over, let victim = dropVictim(overshoot: over, total: total) {
                saved += victim
            }
            if saved == 0 {
                shrinkSteps += 1
                guard shrinkSteps <= 64 else { throw tooSmall() }
                try shrinkMandatory(by: over)
            }
        }
    }

    /// Removes the last-ranked item of the lowest-priority section that has one; returns its planned cost.
    mutating func dropVictim(overshoot: Int, total: Int) -> Int? {
        for section in servingOrder.reversed() {
            guard var items = taken[section], !items.isEmpty else { continue }
            let position = items.indices.max { items[$0].rank < items[$1].rank }!
            let victim = items.remove(at: position)
            taken[section] = items
            var cost = victim.cost
            if items.isEmpty { cost += headerTokens[section]! }
            used[section]! -= cost
            for entry in victim.entries {
                entries[entry].reason = .overBudgetAfterRecount
                entries[entry].detail =
                    "the rendered prompt counted \(total) tokens, \(overshoot) over the \(limits.available) available"
            }
            return max(cost, 1)
        }
        return nil
    }

    /// Trims the larger of the user message and the system instruction by the overshoot.
    mutating func shrinkMandatory(by over: Int) throws(ContextError) {
        if userTokens >= personaTokens && userTokens - over >= 0 {
            try trimUser(to: userTokens - over)
        } else if personaTokens - over >= 0 {
            try trimPersona(to: personaTokens - over)
        } else if userTokens > 0 {
            try trimUser(to: max(0, userTokens - over))
        } else {
            throw tooSmall()
        }
    }
}
