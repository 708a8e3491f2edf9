#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Matches time expressions word by word for ``TimeReference/find(in:now:)``.
struct TimeReader {
    let words: [TimeReference.Word]
    let now: Date

    func word(_ index: Int) -> String { index >= 0 && index < words.count ? words[index].text : "" }

    /// The number of words matched at `index` and the windows they name, or `nil`. A month without a year
    /// or qualifier names its most recent occurrence and the one a year before.
    func match(at index: Int) -> (Int, [TimeWindow])? {
        guard let (count, window) = single(at: index) else { return nil }
        if let month = bareMonth(at: index, count: count) {
            return (count, [window, TimeWindow.month(month.month, year: month.year - 1)])
        }
        return (count, [window])
    }

    /// A month name matched without a year, a day or a qualifier ("in March", "в марте"): its month and year.
    func bareMonth(at index: Int, count: Int) -> (month: Int, year: Int)? {
        let matched = (index..<(index + count)).map(word)
        guard !matched.contains(where: { Self.previousWords.contains($0) || Self.currentWords.contains($0) }),
            !matched.contains(where: { Int($0) != nil || dayNumber($0) != nil }),
            let month = matched.lazy.compactMap(Self.englishOrRussianMonth).first
        else { return nil }
        let current = TimeWindow.components(now)
        let year = (current.year ?? 2000) - (month > (current.month ?? 1) ? 1 : 0)
        return (month, year)
    }

    /// The number of words of a "now" cue at `index` ("now", "currently", "at the moment", "сейчас"), or `nil`.
    func presentCue(at index: Int) -> Int? {
        for cue in Self.presentCues {
            let parts = cue.split(separator: " ").map(String.init)
            if parts.indices.allSatisfy({ word(index + $0) == parts[$0] }) { return parts.count }
        }
        return nil
    }

    func single(at index: Int) -> (Int, TimeWindow)? {
        let first = word(index)
        if first == "day" && word(index + 1) == "before" && word(index + 2) == "yesterday" {
            return (3, day(offset: -2))
        }
        if let offset = Self.relativeDays[first] { return (1, day(offset: offset)) }
        if let qualified = qualified(at: index) { return qualified }
        if let ago = ago(at: index) { return ago }
        if let day = dayNumber(first), let (count, window) = month(at: index + 1, cued: true, day: day) {
            return (1 + count, window)
        }
        if Self.monthCues.contains(first) || first == "on" || first == "over" {
            if let (count, window) = month(at: index + 1, cued: true, day: nil) { return (1 + count, window) }
            if let year = year(at: index + 1) {
                let count = word(index + 2) == "году" || word(index + 2) == "г" ? 3 : 2
                return (count, TimeWindow.year(year))
            }
            let skip = word(index + 1) == "the" ? 1 : 0
            if let start = Self.seasons[word(index + 1 + skip)] { return (2 + skip, season(start, previous: false)) }
            if ["on", "в", "во"].contains(first), let weekday = Self.weekdays[word(index + 1)] {
                return (2, self.weekday(weekday))
            }
        }
        if let (count, window) = month(at: index, cued: false, day: nil) { return (count, window) }
        if ["летом", "зимой", "весной", "осенью"].contains(first), let start = Self.seasons[first] {
            return (1, season(start, previous: false))
        }
        return nil
    }

    // MARK: - Patterns

    /// "last week", "this month", "past year", "last March", "last summer", "last Friday", "в прошлом году".
    func qualified(at index: Int) -> (Int, TimeWindow)? {
        let first = word(index)
        let next = word(index + 1)
        let previous = Self.previousWords.contains(first)
        if first == "past", let unit = Self.units[next] {
            return (2, TimeWindow(start: TimeWindow.adding(unit.component, -1, to: now), end: now))
        }
        guard previous || Self.currentWords.contains(first) else { return nil }
        if let unit = Self.periodNouns[next] ?? Self.units[next] {
            return (2, TimeWindow.period(unit.component, containing: now, offset: previous ? -1 : 0))
        }
        if let start = Self.seasons[next] { return (2, season(start, previous: previous)) }
        if let weekday = Self.weekdays[next] { return (2, self.weekday(weekday)) }
        if let month = Self.englishOrRussianMonth(next) {
            let current = TimeWindow.components(now)
            var year = current.year ?? 2000
            if month > (current.month ?? 1) || (previous && month == current.month) { year -= 1 }
            return (2, TimeWindow.month(month, year: year))
        }
        return nil
    }

    /// "two weeks ago", "a couple of months ago", "3 days ago", "три недели назад", "неделю назад".
    func ago(at index: Int) -> (Int, TimeWindow)? {
        var position = index
        var count = 1
        if let number = Int(word(position)), number > 0, number < 1_000 {
            count = number
            position += 1
        } else if let number = Self.numbers[word(position)] {
            count = number
            position += 1
            if word(position - 1) == "a" || word(position - 1) == "an", let more = Self.numbers[word(position)] {
                count = more
                position += 1
            }
            if word(position) == "of" { position += 1 }
        }
        guard let unit = Self.units[word(position)], Self.agoWords.contains(word(position + 1)) else { return nil }
        let center = TimeWindow.adding(unit.component, -count, to: now)
        let window: TimeWindow
        switch unit {
        case .day: window = TimeWindow.period(.day, containing: center)
        case .week: window = TimeWindow(start: center.addingTimeInterval(-3.5 * 86_400), end: center + 3.5 * 86_400)
        case .month:
            window = TimeWindow(
                start: TimeWindow.adding(.day, -15, to: center), end: TimeWindow.adding(.day, 15, to: center))
        case .year:
            window = TimeWindow(
                start: TimeWindow.adding(.month, -6, to: center), end: TimeWindow.adding(.month, 6, to: center))
        }
        return (position + 2 - index, window)
    }

    /// A month name at `index`, with an optional day after it and an optional year ("March", "March 12",
    /// "March 2025", "12 марта 2025"). Without a cue, ambiguous words ("may") and abbreviations need a number.
    func month(at index: Int, cued: Bool, day: Int?) -> (Int, TimeWindow)? {
        let name = word(index)
        guard let month = Self.englishOrRussianMonth(name) else { return nil }
        var count = 1
        var day = day
        if day == nil, let after = dayNumber(word(index + 1)) {
            day = after
            count += 1
        }
        var year: Int?
        if let found = self.year(at: index + count) {
            year = found
            count += 1
        } else if word(index + count) == "of", let found = self.year(at: index + count + 1) {
            year = found
            count += 2
        }
        let english = Self.englishMonths[name] != nil
        let needsCue = english && (Self.ambiguousMonths.contains(name) || Self.monthAbbreviations.contains(name))
        if !cued && needsCue && day == nil && year == nil { return nil }
        let current = TimeWindow.components(now)
        if let day {
            var candidate = DateComponents(year: year ?? current.year, month: month, day: day)
            var start = TimeWindow.calendar.date(from: candidate)
            if year == nil, let found = start, found > now {
                candidate.year = (current.year ?? 2000) - 1
                start = TimeWindow.calendar.date(from: candidate)
            }
            guard let start else { return nil }
            return (count, TimeWindow(start: start, end: TimeWindow.adding(.day, 1, to: start)))
        }
        let resolved = year ?? ((current.year ?? 2000) - (month > (current.month ?? 1) ? 1 : 0))
        return (count, TimeWindow.month(month, year: resolved))
    }

    // MARK: - Values

    func day(offset: Int) -> TimeWindow { TimeWindow.period(.day, containing: now, offset: offset) }

    func dayNumber(_ text: String) -> Int? {
        var digits = text
        for suffix in ["st", "nd", "rd", "th", "го", "е"] where digits.hasSuffix(suffix) {
            digits.removeLast(suffix.count)
            break
        }
        guard digits.count <= 2, let value = Int(digits), (1...31).contains(value) else { return nil }
        return value
    }

    func year(at index: Int) -> Int? {
        let text = word(index)
        guard text.count == 4, let value = Int(text), (1970...2200).contains(value) else { return nil }
        return value
    }

    /// The most recent season starting in month `start` that has begun; with `previous`, one that has ended.
    func season(_ start: Int, previous: Bool) -> TimeWindow {
        let current = TimeWindow.components(now)
        var year = current.year ?? 2000
        var window = TimeWindow.month(start, year: year)
        while window.start > now {
            year -= 1
            window = TimeWindow.month(start, year: year)
        }
        var result = TimeWindow(start: window.start, end: TimeWindow.adding(.month, 3, to: window.start))
        if previous && result.end > now {
            let earlier = TimeWindow.adding(.year, -1, to: result.start)
            result = TimeWindow(start: earlier, end: TimeWindow.adding(.month, 3, to: earlier))
        }
        return result
    }

    /// The most recent `weekday` (1 = Sunday) before today.
    func weekday(_ weekday: Int) -> TimeWindow {
        var day = TimeWindow.startOfDay(now)
        for _ in 0..<7 {
            day = TimeWindow.adding(.day, -1, to: day)
            if TimeWindow.components(day).weekday == weekday { break }
        }
        return TimeWindow(start: day, end: TimeWindow.adding(.day, 1, to: day))
    }
}
