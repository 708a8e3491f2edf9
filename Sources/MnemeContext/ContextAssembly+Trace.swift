/// Finishing the trace: final reasons, costs and the budget arithmetic.
extension ContextAssembly {
    mutating func finishTrace(total: Int, recounts: Int) -> ContextTrace {
        entries[systemEntry].included = true
        entries[systemEntry].tokens = messageOverhead.system + personaTokens
        if personaTokens < personaOriginalTokens {
            entries[systemEntry].trimmed = true
            entries[systemEntry].originalTokens = messageOverhead.system + personaOriginalTokens
        }
        entries[userEntry].included = true
        entries[userEntry].tokens = messageOverhead.user + userTokens
        if userTokens < userOriginalTokens {
            entries[userEntry].trimmed = true
            entries[userEntry].originalTokens = messageOverhead.user + userOriginalTokens
        }
        var usages: [SectionUsage] = [
            SectionUsage(
                section: .system, priority: nil, minTokens: nil, maxTokens: nil,
                usedTokens: entries[systemEntry].tokens, included: 1, dropped: 0)
        ]
        for section in ContextSection.optional {
            let sectionPolicy = policy[section]!
            for item in taken[section]! {
                for entry in item.entries {
                    entries[entry].included = true
                    entries[entry].reason = .included
                    entries[entry].tokens = item.pieces.filter { $0.entry == entry }.reduce(0) { $0 + $1.cost }
                }
            }
            let maxTokens = share(sectionPolicy.maxShare)
            let overBudgetDetail =
                "did not fit: the section used \(used[section]!) of its \(maxTokens)-token maximum"
                + (section == .history ? "; history keeps only the newest whole turns" : "")
            let limitDetail = "the section takes at most \(sectionPolicy.maxItems ?? 0) candidates"
            for item in pending[section]! {
                for entry in item.entries where entries[entry].reason == .overBudget {
                    if limitReached.contains(section) {
                        entries[entry].reason = .sectionLimit
                        entries[entry].detail = limitDetail
                    } else {
                        entries[entry].detail = overBudgetDetail
                    }
                }
            }
            var candidates = 0
            var included = 0
            for index in entries.indices where entries[index].section == section {
                candidates += 1
                if entries[index].included { included += 1 }
            }
            usages.append(
                SectionUsage(
                    section: section, priority: sectionPolicy.priority, minTokens: share(sectionPolicy.minShare),
                    maxTokens: maxTokens, usedTokens: used[section]!, included: included,
                    dropped: candidates - included))
        }
        usages.append(
            SectionUsage(
                section: .userMessage, priority: nil, minTokens: nil, maxTokens: nil,
                usedTokens: entries[userEntry].tokens, included: 1, dropped: 0))
        let planned = limits.replyPriming + usages.reduce(0) { $0 + $1.usedTokens }
        let budget = BudgetArithmetic(
            contextWindow: limits.contextWindow, reservedOutput: limits.reservedOutput,
            safetyMargin: limits.safetyMargin, available: limits.available, replyPriming: limits.replyPriming,
            mandatory: mandatoryTokens, flexible: flexible, sections: usages, planned: planned, total: total,
            joinDifference: total - planned, recounts: recounts)
        // Entries were created in section order except the user message, which goes last.
        let user = entries.remove(at: userEntry)
        entries.append(user)
        return ContextTrace(budget: budget, entries: entries, notes: notes)
    }
}
