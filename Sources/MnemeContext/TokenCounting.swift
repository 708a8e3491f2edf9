/// Counts the tokens of a text for the target model.
///
/// The builder never tokenizes by itself: the lead wires the model's (tiktoken-compatible) tokenizer here,
/// tests use a deterministic word counter.
///
/// ```swift
/// let counter: TokenCountingFunction = { text in tokenizer.count(text) }
/// let builder = ContextBuilder(counter: counter)
/// ```
public typealias TokenCountingFunction = @Sendable (String) -> Int
