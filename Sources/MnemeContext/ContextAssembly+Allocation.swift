/// Over-long item trimming and the share-based allocation.
extension ContextAssembly {
    /// Sections in the order they are served: priority descending; ties by a fixed order.
    var servingOrder: [ContextSection] {
        let tieOrder: [ContextSection] = [.history, .facts, .documents, .recall, .examples]
        return tieOrder.sorted { lhs, rhs in
            let left = policy[lhs]!.priority
            let right = policy[rhs]!.priority
            if left != right { return left > right }
            return tieOrder.firstIndex(of: lhs)! < tieOrder.firstIndex(of: rhs)!
        }
    }

    func share(_ fraction: Double) -> Int { Int((fraction * Double(flexible)).rounded(.down)) }

    // MARK: - Over-long items

    /// Trims every item larger than `maxItemShare × maxShare × flexible` (minus the section heading) down to
    /// that size at sentence boundaries, spreading the cut over the item's texts (largest first). With
    /// ``BudgetPolicy/overflowBeyondMax`` a section may grow to the whole flexible budget, so the limit is
    /// `maxItemShare × flexible`.
    mutating func trimOverlong() {
        for section in ContextSection.optional {
            let sectionPolicy = policy[section]!
            let reach = policy.overflowBeyondMax ? 1 : sectionPolicy.maxShare
            let limit = share(sectionPolicy.maxItemShare * reach) - headerTokens[section]!
            guard limit > 0, let items = pending[section] else { continue }
            pending[section] = items.map { $0.cost > limit ? trimmed($0, to: limit) : $0 }
        }
    }

    mutating func trimmed(_ item: PlanItem, to limit: Int) -> PlanItem {
        let overhead = item.pieces.reduce(0) { $0 + $1.overhead }
        var room = limit - overhead
        guard room > 0 else { return item }
        // Water-filling: small texts keep their size, the larger ones share what remains equally.
        var targets = item.pieces.map(\.textTokens)
        var left = item.pieces.count
        for index in item.pieces.indices.sorted(by: { item.pieces[$0].textTokens < item.pieces[$1].textTokens }) {
            let fair = room / left
            if targets[index] > fair { targets[index] = fair }
            room -= targets[index]
            left -= 1
        }
        var result = item
        let before = Dictionary(item.entries.map { ($0, entries[$0].tokens) }, uniquingKeysWith: { first, _ in first })
        for index in item.pieces.indices where targets[index] < item.pieces[index].textTokens {
            guard let cut = trimmer.trim(item.pieces[index].text, toTokens: targets[index]) else { return item }
            result.pieces[index].text = cut.text
            result.pieces[index].textTokens = cut.tokens
        }
        for entry in result.entries {
            let cost = result.pieces.filter { $0.entry == entry }.reduce(0) { $0 + $1.cost }
            if cost < before[entry]! {
                entries[entry].trimmed = true
                entries[entry].originalTokens = before[entry]!
                entries[entry].tokens = cost
            }
        }
        return result
    }

    // MARK: - Allocation

    /// Minimum shares by priority, then maximum shares by priority, then (optionally) any leftover.
    mutating func allocate() {
        var remaining = flexible
        var phases: [[ContextSection: Int]] = [
            Dictionary(uniqueKeysWithValues: servingOrder.map { ($0, share(policy[$0]!.minShare)) }),
            Dictionary(uniqueKeysWithValues: servingOrder.map { ($0, share(policy[$0]!.maxShare)) }),
        ]
        if policy.overflowBeyondMax {
            phases.append(Dictionary(uniqueKeysWithValues: servingOrder.map { ($0, flexible) }))
        }
        for caps in phases {
            for section in servingOrder {
                fill(section, cap: caps[section]!, remaining: &remaining)
            }
        }
    }

    /// Takes pending items of a section in order while they fit its cap and the remaining budget. History is a
    /// contiguous run of the newest turns: it stops at the first turn that does not fit; other sections skip
    /// an item that does not fit and try the next (smaller) one.
    mutating func fill(_ section: ContextSection, cap: Int, remaining: inout Int) {
        guard let items = pending[section], !items.isEmpty else { return }
        let maxItems = policy[section]!.maxItems ?? Int.max
        var count = taken[section]!.reduce(0) { $0 + $1.candidateCount }
        var kept: [PlanItem] = []
        var stopped = false
        for item in items {
            if stopped {
                kept.append(item)
                continue
            }
            let need = item.cost + (taken[section]!.isEmpty ? headerTokens[section]! : 0)
            let fitsCount = count + item.candidateCount <= maxItems
            if fitsCount && need <= cap - used[section]! && need <= remaining {
                taken[section]!.append(item)
                used[section]! += need
                remaining -= need
                count += item.candidateCount
            } else {
                if !fitsCount { limitReached.insert(section) }
                kept.append(item)
                if section == .history { stopped = true }
            }
        }
        pending[section] = kept
    }
}
