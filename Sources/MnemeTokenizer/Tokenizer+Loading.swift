public import Foundation
import Synchronization

extension Tokenizer {
    /// The tokenizer for `encoding`, loaded from the package's bundled vocabulary on first use and
    /// cached for the life of the process. Thread-safe; concurrent first calls load once.
    ///
    /// ```swift
    /// let tokenizer = try Tokenizer.shared(.cl100kBase)
    /// ```
    /// - Throws: ``TokenizerError`` if the bundled file is missing or damaged (the error says which).
    public static func shared(_ encoding: EncodingName) throws -> Tokenizer {
        try TokenizerCache.instance.tokenizer(for: encoding)
    }

    /// The tokenizer for an encoding name such as `"o200k_base"`.
    public static func shared(encodingNamed name: String) throws -> Tokenizer {
        guard let encoding = EncodingName(rawValue: name) else {
            throw TokenizerError(
                code: .unknownEncoding,
                message: "Unknown encoding \(name.debugDescription); available: "
                    + EncodingName.allCases.map(\.rawValue).joined(separator: ", ") + "."
            )
        }
        return try shared(encoding)
    }

    /// Loads a tokenizer from a `.tiktoken` file on disk (for callers that ship the vocabulary elsewhere).
    public convenience init(encoding: EncodingName, vocabularyFile: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: vocabularyFile, options: .mappedIfSafe)
        } catch {
            throw TokenizerError(
                code: .vocabularyMissing,
                message:
                    "Cannot read the \(encoding.rawValue) vocabulary at \(vocabularyFile.path): \(error.localizedDescription)."
            )
        }
        try self.init(encoding: encoding, vocabularyData: data)
    }

    /// Location of the `.tiktoken` file shipped as a package resource, or nil if it is missing.
    public static func bundledVocabularyURL(_ encoding: EncodingName) -> URL? {
        Bundle.module.url(forResource: encoding.rawValue, withExtension: "tiktoken")
    }

    /// Loads the vocabulary shipped as a package resource (uncached; prefer ``shared(_:)``).
    public static func loadBundled(_ encoding: EncodingName) throws -> Tokenizer {
        guard let url = bundledVocabularyURL(encoding) else {
            throw TokenizerError(
                code: .vocabularyMissing,
                message: "The resource \(encoding.rawValue).tiktoken is missing from the MnemeTokenizer bundle; "
                    + "reinstall the package or restore Sources/MnemeTokenizer/Resources (scripts/copy-vocabularies.sh)."
            )
        }
        return try Tokenizer(encoding: encoding, vocabularyFile: url)
    }
}

/// Process-wide cache of loaded tokenizers. The lock is held while loading so that each encoding is
/// parsed once even under concurrent first use (a load takes a few tens of milliseconds).
final class TokenizerCache: Sendable {
    static let instance = TokenizerCache()

    private let loaded = Mutex<[EncodingName: Tokenizer]>([:])

    func tokenizer(for encoding: EncodingName) throws -> Tokenizer {
        try loaded.withLock { cache in
            if let tokenizer = cache[encoding] { return tokenizer }
            let tokenizer = try Tokenizer.loadBundled(encoding)
            cache[encoding] = tokenizer
            return tokenizer
        }
    }
}
