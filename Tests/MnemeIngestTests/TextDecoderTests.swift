import Foundation
import Testing

@testable import MnemeIngest

@Suite struct TextDecoderTests {
    @Test func validUTF8IsDecodedAsUTF8() {
        let outcome = TextDecoder.decode(Array("Отпуск — 28 дней 😀".utf8))
        #expect(outcome == .text("Отпуск — 28 дней 😀", .utf8))
    }

    @Test func byteOrderMarkIsRemoved() {
        #expect(TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("hi".utf8)) == .text("hi", .utf8))
    }

    @Test func crlfAndLoneCRBecomeLF() {
        #expect(TextDecoder.decode(Array("a\r\nb\rc\n".utf8)) == .text("a\nb\nc\n", .utf8))
    }

    @Test func latin1FallbackUsesWindows1252ForHighControls() {
        // "Café – “ok” €" in Windows-1252.
        let bytes: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x93, 0x6F, 0x6B, 0x94, 0x20, 0x80]
        #expect(TextDecoder.decode(bytes) == .text("Café – “ok” €", .latin1))
    }

    @Test func utf8WithAStrayLatin1ByteIsRepairedAndStaysUTF8() {
        let bytes = Array("naïve “quotes” — ".utf8) + [0xE9] + Array(" ok".utf8)
        #expect(TextDecoder.decode(bytes) == .text("naïve “quotes” — é ok", .utf8))
    }

    @Test func overlongAndSurrogateSequencesAreNotValidUTF8() {
        let overlong: [UInt8] = [0xC0, 0xAF]
        let surrogate: [UInt8] = [0xED, 0xA0, 0x80]
        #expect(TextDecoder.scanUTF8(overlong[...]).invalid == 2)
        #expect(TextDecoder.scanUTF8(surrogate[...]).invalid == 3)
        #expect(TextDecoder.scanUTF8(Array("ж😀".utf8)[...]) == (multibyte: 2, invalid: 0))
    }

    @Test func nulBytesMeanBinary() {
        #expect(TextDecoder.decode(Array("abc".utf8) + [0] + Array("def".utf8)) == .binary("NUL bytes"))
    }

    @Test func knownSignaturesAreNamed() throws {
        let png = try Data(contentsOf: Fixtures.url("pixel.png"))
        #expect(TextDecoder.decode([UInt8](png)) == .binary("PNG image"))
        #expect(TextDecoder.decode([0x50, 0x4B, 0x03, 0x04, 0x14]) == .binary("ZIP archive or Office document"))
    }

    @Test func controlCharactersMeanBinary() {
        let bytes = (0..<200).map { UInt8($0 % 8 + 1) }  // \u{1}...\u{8}: no text would look like this
        #expect(TextDecoder.decode(bytes) == .binary("control characters"))
    }

    @Test func randomHighBytesMeanBinary() {
        let bytes = (0..<4096).map { UInt8(0x80 + ($0 * 37) % 128) }
        #expect(TextDecoder.decode(bytes) == .binary("mostly non-text bytes"))
    }

    @Test func utf16WithByteOrderMark() {
        let le: [UInt8] = [0xFF, 0xFE] + Array("Hé".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + Array("Hé".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(TextDecoder.decode(le) == .text("Hé", .utf16))
        #expect(TextDecoder.decode(be) == .text("Hé", .utf16))
    }

    @Test func windows1251CyrillicIsSkippedRatherThanGarbled() {
        // "Политика отпусков: двадцать пять рабочих дней в году." in Windows-1251.
        let bytes: [UInt8] = [
            0xCF, 0xEE, 0xEB, 0xE8, 0xF2, 0xE8, 0xEA, 0xE0, 0x20, 0xEE, 0xF2, 0xEF, 0xF3, 0xF1,
            0xEA, 0xEE, 0xE2, 0x3A, 0x20, 0xE4, 0xE2, 0xE0, 0xE4, 0xF6, 0xE0, 0xF2, 0xFC, 0x20,
            0xEF, 0xFF, 0xF2, 0xFC, 0x20, 0xF0, 0xE0, 0xE1, 0xEE, 0xF7, 0xE8, 0xF5, 0x20, 0xE4,
            0xED, 0xE5, 0xE9, 0x20, 0xE2, 0x20, 0xE3, 0xEE, 0xE4, 0xF3, 0x2E,
        ]
        #expect(TextDecoder.decode(bytes) == .binary("mostly non-text bytes"))
    }
}
