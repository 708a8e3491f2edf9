import ArgumentParser
import Foundation
import MnemeTokenizer

/// `mneme tokens`: count tokens exactly (or estimate them where the tokenizer is not public).
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Count the tokens of a text for a model or an encoding.",
        discussion: """
            Exact for OpenAI models (cl100k_base, o200k_base); for Claude and Gemini, whose tokenizers \
            are not public, an estimate that errs high, marked as such.
            """
    )

    @Option(help: "The model, e.g. gpt-4o-mini, ft:gpt-4o-mini-2024-07-18:org::id, claude-sonnet-4-5.")
    var model: String?

    @Option(help: "The encoding: cl100k_base or o200k_base.")
    var encoding: String?

    @Flag(help: "Print the token ids too (exact tokenizers only).")
    var ids = false

    @Argument(help: "The file to count, or - for standard input (the default).")
    var file = "-"

    func validate() throws {
        if model != nil && encoding != nil { throw ValidationError("Give --model or --encoding, not both.") }
    }

    func run() async throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read \(file): no such file, or permission denied.")
            }
            data = contents
        }
        let text = String(decoding: data, as: UTF8.self)
        if let model {
            let counter = TokenCounter()
            let count = try counter.count(text, model: model)
            let how = count.isExact ? "exact" : "estimate"
            Output.line("\(count.tokens) tokens (\(count.model.id), \(count.model.tokenizer), \(how))")
            if ids { Output.line(try counter.encode(text, model: model).map(String.init).joined(separator: " ")) }
            return
        }
        let tokenizer = try Tokenizer.shared(encodingNamed: encoding ?? EncodingName.o200kBase.rawValue)
        let tokens = tokenizer.encodeOrdinary(text)
        Output.line("\(tokens.count) tokens (\(tokenizer.encoding), exact)")
        if ids { Output.line(tokens.map(String.init).joined(separator: " ")) }
    }
}
