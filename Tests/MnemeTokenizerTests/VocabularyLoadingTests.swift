import Foundation
import Testing

@testable import MnemeTokenizer

@Suite("vocabulary loading")
struct VocabularyLoadingTests {
    @Test func bundledFilesLoadAndMatchTheirChecksums() throws {
        for encoding in EncodingName.allCases {
            let url = try #require(Tokenizer.bundledVocabularyURL(encoding))
            let data = try Data(contentsOf: url)
            #expect(SHA256.hex(Array(data)) == encoding.vocabularySHA256, "\(encoding) resource is not tiktoken's file")
            let tokenizer = try Tokenizer(encoding: encoding, vocabularyData: data)
            #expect(tokenizer.vocabularySize == encoding.mergeableTokenCount + encoding.specialTokens.count)
        }
    }

    @Test func sha256KnownVector() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func sharedIsCachedAndNamed() throws {
        #expect(try Tokenizer.shared(.cl100kBase) === Tokenizer.shared(encodingNamed: "cl100k_base"))
        let error = try #require(throws: TokenizerError.self) { try Tokenizer.shared(encodingNamed: "p50k_base") }
        #expect(error.code == .unknownEncoding)
    }

    @Test func wrongFileIsRejected() throws {
        let url = try #require(Tokenizer.bundledVocabularyURL(.cl100kBase))
        let data = try Data(contentsOf: url)
        let error = try #require(throws: TokenizerError.self) {
            try Tokenizer(encoding: .o200kBase, vocabularyData: data)
        }
        #expect(error.code == .vocabularyCorrupt)
    }

    @Test func corruptContentIsRejected() throws {
        let url = try #require(Tokenizer.bundledVocabularyURL(.cl100kBase))
        var bytes = [UInt8](try Data(contentsOf: url))
        // Truncated file.
        #expect(throws: TokenizerError.self) {
            try Tokenizer(encoding: .cl100kBase, vocabularyData: bytes[0..<(bytes.count / 2)])
        }
        // Garbage base64 in the first line.
        bytes[0] = UInt8(ascii: "*")
        let error = try #require(throws: TokenizerError.self) {
            try Tokenizer(encoding: .cl100kBase, vocabularyData: bytes)
        }
        #expect(error.code == .vocabularyCorrupt)
        #expect(error.message.contains("line 1"))
        // Empty and nonsense input.
        #expect(throws: TokenizerError.self) { try Tokenizer(encoding: .cl100kBase, vocabularyData: [UInt8]()) }
        #expect(throws: TokenizerError.self) {
            try Tokenizer(encoding: .cl100kBase, vocabularyData: Array("IQ== 0\nIQ== 1\n".utf8))
        }
    }

    @Test func missingFileGivesClearError() throws {
        let error = try #require(throws: TokenizerError.self) {
            try Tokenizer(
                encoding: .cl100kBase, vocabularyFile: URL(fileURLWithPath: "/nonexistent/cl100k_base.tiktoken"))
        }
        #expect(error.code == .vocabularyMissing)
        #expect(error.message.contains("/nonexistent"))
    }

    @Test func concurrentFirstUseLoadsOnce() async throws {
        let tokenizers = try await withThrowingTaskGroup(of: Tokenizer.self) { group in
            for _ in 0..<8 { group.addTask { try Tokenizer.shared(.o200kBase) } }
            return try await group.reduce(into: [Tokenizer]()) { $0.append($1) }
        }
        #expect(tokenizers.allSatisfy { $0 === tokenizers[0] })
        #expect(tokenizers[0].encodeOrdinary("hello world") == [24912, 2375])
    }
}
