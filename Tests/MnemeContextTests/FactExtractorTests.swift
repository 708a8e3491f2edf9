import MnemeContext
import Testing

@Suite("Fact extraction, English and Russian")
struct FactExtractorTests {
    let extractor = FactExtractor()

    func facts(_ message: String) -> [String: String] {
        Dictionary(extractor.extract(from: message).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    @Test(arguments: [
        ("My name is Anna.", "name", "Anna"),
        ("Hi, my name is anna maria.", "name", "Anna Maria"),
        ("hello! my name's Jean-luc, nice to meet you", "name", "Jean-luc"),
        ("my name is ludwig van beethoven", "name", "Ludwig van Beethoven"),
        ("Please call me Annie!", "preferred_name", "Annie"),
        ("You can call me Bob and I live in Paris", "preferred_name", "Bob"),
        ("Меня зовут Анна.", "name", "Анна"),
        ("Привет, меня зовут анна", "name", "Анна"),
        ("Моё имя Пётр", "name", "Пётр"),
        ("Зови меня Аня", "preferred_name", "Аня"),
        ("называй меня Саша, пожалуйста", "preferred_name", "Саша"),
    ])
    func names(message: String, key: String, value: String) {
        #expect(facts(message)[key] == value, "\(message)")
    }

    @Test(arguments: [
        ("I prefer tea.", "preference.tea", "prefers tea"),
        ("I like jazz, but not loud", "preference.jazz", "likes jazz"),
        ("I don't like mushrooms", "preference.mushrooms", "dislikes mushrooms"),
        ("btw I hate the cold weather!", "preference.cold_weather", "dislikes the cold weather"),
        ("Я предпочитаю чай", "preference.чай", "prefers чай"),
        ("Мне нравится джаз", "preference.джаз", "likes джаз"),
        ("я люблю горы", "preference.горы", "likes горы"),
        ("Я не люблю грибы.", "preference.грибы", "dislikes грибы"),
        ("Мне не нравится холодная погода", "preference.холодная_погода", "dislikes холодная погода"),
    ])
    func preferences(message: String, key: String, value: String) {
        #expect(facts(message) == [key: value], "\(message)")
    }

    @Test func notes() throws {
        let english = try #require(extractor.extract(from: "Remember that my flight is on Monday at 9.30.").first)
        #expect(english.key == "note.my_flight_is")
        #expect(english.value == "My flight is on Monday at 9.30")
        #expect(english.kind == .note)
        let russian = try #require(extractor.extract(from: "Запомни, что у меня аллергия на орехи!").first)
        #expect(russian.key == "note.у_меня_аллергия")
        #expect(russian.value == "У меня аллергия на орехи")
        let long = extractor.extract(from: "remember that " + String(repeating: "word ", count: 200))
        #expect(long.first.map { $0.value.count <= 301 && $0.value.hasSuffix("…") } == true)
    }

    @Test func laterFactOnTheSameKeyWinsAndSameTopicFlips() {
        #expect(facts("My name is Anna. Actually, my name is Maria.") == ["name": "Maria"])
        #expect(facts("I like jazz. I don't like jazz") == ["preference.jazz": "dislikes jazz"])
        #expect(
            facts("Hi, my name is Tom and I like chess")
                == ["name": "Tom", "preference.chess": "likes chess"])
    }

    @Test(arguments: [
        "my name is not important",
        "My name is a secret.",
        "What is my name?",
        "do you remember that I like tea?",
        "Как меня зовут?",
        "He said \"my name is Bob\" yesterday",
        "She wrote «меня зовут Анна» on the board",
        "I prefer not to say.",
        "I like it when you are brief",
        "I love you",
        "if my name is John then what?",
        "Меня зовут не Петя",
        "Я предпочитаю не говорить",
        "я люблю тебя",
        "His name is Bob",
        "my name is 4ever young",
        "Tell me what I like",
        "",
    ])
    func falsePositives(message: String) {
        #expect(extractor.extract(from: message).isEmpty, "\(message)")
    }

    @Test func evidenceAndConfidence() throws {
        let fact = try #require(extractor.extract(from: "Ok. My name is Anna! Bye").first)
        #expect(fact.evidence == "My name is Anna")
        #expect(fact.confidence >= 0.9 && fact.confidence <= 1)
        #expect(fact.kind == .name)
    }
}
