#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The words ``TimeReader`` knows, English and Russian.
extension TimeReader {
    enum Unit {
        case day, week, month, year

        var component: Calendar.Component {
            switch self {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            case .year: .year
            }
        }
    }

    static let units: [String: Unit] = [
        "day": .day, "days": .day, "week": .week, "weeks": .week, "month": .month, "months": .month,
        "year": .year, "years": .year,
        "день": .day, "дня": .day, "дней": .day, "неделю": .week, "недели": .week, "недель": .week,
        "месяц": .month, "месяца": .month, "месяцев": .month, "год": .year, "года": .year, "лет": .year,
    ]

    /// "this week" / "last week" and their Russian forms ("на этой неделе", "в прошлом месяце").
    static let periodNouns: [String: Unit] = [
        "week": .week, "month": .month, "year": .year,
        "неделе": .week, "неделю": .week, "месяце": .month, "году": .year,
    ]

    static let previousWords: Set<String> = [
        "last", "previous", "прошлой", "прошлом", "прошлым", "прошлую", "прошлый", "прошлого",
    ]
    static let currentWords: Set<String> = ["this", "этой", "этом", "этот", "эту", "этого", "нынешнем"]

    static let numbers: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3, "several": 3,
        "один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
        "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "пару": 2, "несколько": 3,
    ]

    static let agoWords: Set<String> = ["ago", "назад"]

    /// Full English month names and unambiguous abbreviations; "may" and "march" need a cue (see
    /// ``TimeReader/monthCues``), "mar" and "may" as abbreviations are not used.
    static let englishMonths: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let ambiguousMonths: Set<String> = ["may", "march"]
    static let monthAbbreviations: Set<String> = [
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Russian month stems: every case form starts with one ("марте", "марта", "март"); May is matched whole.
    static let russianMonthStems: [(String, Int)] = [
        ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("июн", 6),
        ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
    ]

    /// Words before a month or year that make it a time ("in May", "since March", "в мае").
    static let monthCues: Set<String> = [
        "in", "during", "since", "last", "this", "early", "late", "mid", "of", "back", "around", "в", "во",
        "прошлом", "этом", "начале", "конце", "середине",
    ]

    /// Seasons by their first month (winter starts in December).
    static let seasons: [String: Int] = [
        "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
        "весной": 3, "весна": 3, "летом": 6, "лето": 6, "осенью": 9, "осень": 9, "зимой": 12, "зима": 12,
    ]

    static let weekdays: [String: Int] = [
        "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7,
        "воскресенье": 1, "понедельник": 2, "вторник": 3, "среду": 4, "среда": 4, "четверг": 5, "пятницу": 6,
        "пятница": 6, "субботу": 7, "суббота": 7,
    ]

    /// Words asking about the present (longest first).
    static let presentCues: [String] = [
        "at the moment", "these days", "right now", "в данный момент", "в последнее время", "now", "currently",
        "nowadays", "lately", "recently", "сейчас", "теперь", "нынче", "недавно",
    ]

    /// Days relative to today.
    static let relativeDays: [String: Int] = [
        "today": 0, "tonight": 0, "yesterday": -1, "сегодня": 0, "вчера": -1, "позавчера": -2,
    ]

    static let russianMay: Set<String> = ["май", "мая", "мае"]

    static func englishOrRussianMonth(_ word: String) -> Int? {
        if let month = englishMonths[word] { return month }
        if russianMay.contains(word) { return 5 }
        return russianMonthStems.first { word.hasPrefix($0.0) }?.1
    }
}
