/// One trigger phrase of ``FactExtractor``, matched at the start of a clause (lower-cased).
struct FactPattern: Sendable {
    enum Action: Sendable {
        case name
        case preferredName
        case preference(verb: String)
        case note
    }

    let trigger: String
    let action: Action
    let confidence: Double

    static let english: [FactPattern] = [
        .init(trigger: "my name is ", action: .name, confidence: 0.95),
        .init(trigger: "my name's ", action: .name, confidence: 0.95),
        .init(trigger: "you can call me ", action: .preferredName, confidence: 0.9),
        .init(trigger: "just call me ", action: .preferredName, confidence: 0.9),
        .init(trigger: "call me ", action: .preferredName, confidence: 0.9),
        .init(trigger: "remember that ", action: .note, confidence: 0.9),
        .init(trigger: "remember: ", action: .note, confidence: 0.9),
        .init(trigger: "don't forget that ", action: .note, confidence: 0.85),
        .init(trigger: "i don't like ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "i do not like ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "i don't really like ", action: .preference(verb: "dislikes"), confidence: 0.75),
        .init(trigger: "i dislike ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "i hate ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "i can't stand ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "i prefer ", action: .preference(verb: "prefers"), confidence: 0.8),
        .init(trigger: "i really like ", action: .preference(verb: "likes"), confidence: 0.8),
        .init(trigger: "i like ", action: .preference(verb: "likes"), confidence: 0.75),
        .init(trigger: "i love ", action: .preference(verb: "likes"), confidence: 0.8),
        .init(trigger: "i enjoy ", action: .preference(verb: "likes"), confidence: 0.75),
    ]

    static let russian: [FactPattern] = [
        .init(trigger: "меня зовут ", action: .name, confidence: 0.95),
        .init(trigger: "меня звать ", action: .name, confidence: 0.9),
        .init(trigger: "моё имя ", action: .name, confidence: 0.95),
        .init(trigger: "мое имя ", action: .name, confidence: 0.95),
        .init(trigger: "зови меня ", action: .preferredName, confidence: 0.9),
        .init(trigger: "зовите меня ", action: .preferredName, confidence: 0.9),
        .init(trigger: "называй меня ", action: .preferredName, confidence: 0.9),
        .init(trigger: "называйте меня ", action: .preferredName, confidence: 0.9),
        .init(trigger: "запомни, что ", action: .note, confidence: 0.9),
        .init(trigger: "запомни что ", action: .note, confidence: 0.9),
        .init(trigger: "запомните, что ", action: .note, confidence: 0.9),
        .init(trigger: "запомните что ", action: .note, confidence: 0.9),
        .init(trigger: "запомни: ", action: .note, confidence: 0.9),
        .init(trigger: "не забудь, что ", action: .note, confidence: 0.85),
        .init(trigger: "я не люблю ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "мне не нравится ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "мне не нравятся ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "я ненавижу ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "терпеть не могу ", action: .preference(verb: "dislikes"), confidence: 0.8),
        .init(trigger: "я предпочитаю ", action: .preference(verb: "prefers"), confidence: 0.8),
        .init(trigger: "мне нравится ", action: .preference(verb: "likes"), confidence: 0.75),
        .init(trigger: "мне нравятся ", action: .preference(verb: "likes"), confidence: 0.75),
        .init(trigger: "я люблю ", action: .preference(verb: "likes"), confidence: 0.8),
        .init(trigger: "я обожаю ", action: .preference(verb: "likes"), confidence: 0.8),
    ]

    /// Words skipped at the start of a clause ("Hi, my name is…", "Кстати, меня зовут…").
    static let leadIns: [String] = [
        "hi", "hello", "hey", "ok", "okay", "so", "well", "also", "btw", "by the way", "oh", "and", "please",
        "привет", "здравствуйте", "кстати", "ну", "а", "и", "да", "ладно", "пожалуйста", "так", "ещё", "еще",
        "also,", "and also",
    ]

    /// Words that start a clause inside a sentence ("…, and I like tea", "…, а меня зовут…").
    static let connectors: [String] = [" and ", " but ", " also ", " и ", " а ", " но ", " ещё ", " еще "]

    /// Values that are not names, topics or notes.
    static let rejectedFirstWords: Set<String> = [
        "not", "no", "never", "a", "an", "secret", "unknown", "irrelevant", "none", "nothing",
        "не", "нет", "никак", "секрет", "неважно",
    ]

    /// Objects that say nothing about a topic ("I like it", "я люблю тебя").
    static let pronounObjects: Set<String> = [
        "it", "this", "that", "these", "those", "them", "you", "your", "yours", "him", "her", "it's", "that's",
        "when", "how", "what", "to",
        "это", "этого", "тебя", "вас", "тебе", "вам", "твой", "твою", "ваш", "вашу", "его", "её", "ее", "их",
        "когда", "как", "что",
    ]

    /// Particles kept lower-case in names.
    static let nameParticles: Set<String> = [
        "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "bin", "al",
    ]

    /// Dropped from the start of topic and note slugs.
    static let slugStopWords: Set<String> = ["a", "an", "the", "that", "some", "что", "to"]
}
