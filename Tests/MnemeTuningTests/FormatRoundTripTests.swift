import Foundation
import MnemeTuning
import Testing

@Suite struct FormatRoundTripTests {
    /// Examples with text that needs escaping or quoting in every format.
    static let examples: [TrainingExample] = [
        TrainingExample(
            system: "You are Lumen, the assistant of Northwind Lumen.",
            messages: [.user("How many vacation days do I get?"), .assistant("27 working days, plus public holidays.")]),
        TrainingExample(
            system: "Quote \"exactly\", use \\ and / freely.",
            messages: [
                .user("Line one\nline two, with a comma"), .assistant("Ответ: «да» — 👍\ttab"),
                .user("  leading and trailing spaces  "), .assistant("\u{2028}separator\u{2029} and \u{1} control"),
            ]),
        TrainingExample(messages: [.user("No system here"), .assistant("Fine; \"quotes\", commas, and\r\nCRLF.")]),
    ]

    @Test(arguments: DatasetFormat.allCases)
    func encodingThenDecodingThenEncodingIsStable(format: DatasetFormat) throws {
        let text = DatasetCodec.encode(Self.examples, as: format)
        let decoded = DatasetCodec.decode(text, as: format)
        #expect(decoded.problems.isEmpty, "\(decoded.problems)")
        let again = DatasetCodec.encode(decoded.records.map(\.example), as: format)
        #expect(again == text)
        if format.isConversational {
            #expect(decoded.records.map(\.example) == Self.examples)
        } else {
            let pairs = Self.examples.flatMap(\.trainedPairs)
            #expect(decoded.records.count == pairs.count, "one record per reply")
            #expect(decoded.records.map { $0.example.messages.map(\.content) } == pairs.map { [$0.input, $0.output] })
            #expect(decoded.records.allSatisfy { $0.example.system == nil }, "no system prompt in \(format)")
        }
    }

    @Test func lineNumbersOfRecordsFollowTheFile() {
        let csv = "input,output\n\"multi\nline\",answer\nsecond,reply\n"
        #expect(DatasetCodec.decode(csv, as: .csv).records.map(\.line) == [2, 4])
        let jsonl = "{\"input_text\":\"a\",\"output_text\":\"b\"}\n\n{\"input_text\":\"c\",\"output_text\":\"d\"}\n"
        #expect(DatasetCodec.decode(jsonl, as: .instruction).records.map(\.line) == [1, 3])
    }

    @Test func conversionBetweenConversationalFormatsKeepsTheExamples() {
        let vertex = DatasetCodec.encode(Self.examples, as: .vertex)
        let viaVertex = DatasetCodec.decode(vertex, as: .vertex).records.map(\.example)
        #expect(DatasetCodec.encode(viaVertex, as: .openAI) == DatasetCodec.encode(Self.examples, as: .openAI))
    }

    @Test func weightsSurviveOpenAIAndDropUntrainedTurnsElsewhere() throws {
        let weighted = TrainingExample(
            system: "S",
            messages: [.user("2+2?"), .assistant("five", weight: 0), .user("Really?"), .assistant("4", weight: 1)])
        let openAI = DatasetCodec.encode([weighted], as: .openAI)
        #expect(openAI.contains(#"{"role":"assistant","content":"five","weight":0}"#))
        #expect(DatasetCodec.decode(openAI, as: .openAI).records.map(\.example) == [weighted])

        let vertex = DatasetCodec.encode([weighted], as: .vertex)
        #expect(!vertex.contains("five") && !vertex.contains("2+2?"), "the untrained turn is left out")
        #expect(vertex.contains("Really?") && vertex.contains("\"model\""))
        #expect(
            DatasetCodec.encode([weighted], as: .instruction) == #"{"input_text":"Really?","output_text":"4"}"# + "\n")
        #expect(DatasetCodec.encode([weighted], as: .csv) == "input,output\nReally?,4\n")
        let nothing = TrainingExample(messages: [.user("q"), .assistant("a", weight: 0)])
        #expect(DatasetCodec.lines(nothing, as: .openAI).isEmpty && DatasetCodec.lines(nothing, as: .vertex).isEmpty)
    }

    @Test func badLinesAreReportedByNumberAndTheRestIsRead() {
        let text = """
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}
            {"messages":[{"role":"user","content":"q"}
            [1,2]
            {"messages":[{"role":"user","content":"q"},{"role":"tool","content":"x"}]}
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":3}]}
            {"messages":[{"role":"user","content":"second"},{"role":"assistant","content":"b"}]}
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"  "}]}

            """
        let decoded = DatasetCodec.decode(text, as: .openAI)
        #expect(decoded.records.map(\.line) == [1, 6])
        #expect(decoded.problems.map(\.line) == [2, 3, 4, 5, 7], "an empty reply cannot be imported")
        #expect(decoded.problems[0].message.contains("not valid JSON"))
        #expect(decoded.problems[2].message.contains("tool"))
        #expect(decoded.problems[3].message.contains("weight"))
    }

    @Test func csvNeedsItsHeaderAndTwoFields() {
        #expect(DatasetCodec.decode("question,answer\na,b\n", as: .csv).problems.first?.line == 1)
        let decoded = DatasetCodec.decode("input,output\na,b,c\n\"open,b\n", as: .csv)
        #expect(decoded.records.isEmpty)
        #expect(decoded.problems.map(\.line).sorted() == [2, 3])
        #expect(DatasetCodec.decode("", as: .csv).problems.count == 1)
    }

    @Test func formatNamesAndTheParserNeverCrash() {
        #expect(DatasetFormat(name: "OpenAI") == .openAI)
        #expect(DatasetFormat(name: "gemini") == .vertex)
        #expect(DatasetFormat(name: "parquet") == nil)
        for format in DatasetFormat.allCases {
            #expect(DatasetFormat.detect("\n" + DatasetCodec.encode(Self.examples, as: format)) == format)
        }
        #expect(DatasetFormat.detect("{\"prompt\":\"x\"}") == nil)
        #expect(DatasetFormat.detect("") == nil)
        let deep = String(repeating: "[", count: 100_000)
        let decoded = DatasetCodec.decode(
            deep + "\n" + "{\"input_text\":\"\\ud83d\\ude00\",\"output_text\":\"\\u00e9\"}\n", as: .instruction)
        #expect(decoded.problems.first?.message.contains("nested") == true)
        #expect(decoded.records.first?.example.messages.map(\.content) == ["😀", "é"])
    }
}
