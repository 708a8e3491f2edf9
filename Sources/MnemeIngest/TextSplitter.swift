/// Sentence and word boundaries, with offsets in Unicode scalars.
enum TextSplitter {
    /// A span of text and where it sits in the document.
    struct Piece {
        var range: Range<Int>
        var text: String
    }

    /// Sentences of `text`: a sentence ends after `.`, `!`, `?`, `…`, `。`, `！`, `？` followed
    /// by white space, or at a line break. Leading white space is not part of a sentence.
    static func sentences(in text: String, base: Int) -> [Piece] {
        // A switch, not `String.unicodeScalars.contains`: this runs for every scalar of a long block.
        split(text, base: base) { scalar, next in
            switch scalar {
            case "\n", "。", "！", "？": return true
            case ".", "!", "?", "…": return next.map(DocumentBuilder.isWhitespace) ?? true
            default: return false
            }
        }
    }

    /// Words of `text`: runs of non-white-space.
    static func words(in text: String, base: Int) -> [Piece] {
        var pieces: [Piece] = []
        var start: Int?
        var startIndex = text.unicodeScalars.startIndex
        var offset = 0
        var index = text.unicodeScalars.startIndex
        while index != text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            if DocumentBuilder.isWhitespace(scalar) {
                if let begin = start {
                    pieces.append(
                        Piece(
                            range: base + begin..<base + offset, text: String(text.unicodeScalars[startIndex..<index])))
                    start = nil
                }
            } else if start == nil {
                start = offset
                startIndex = index
            }
            index = text.unicodeScalars.index(after: index)
            offset += 1
        }
        if let begin = start {
            pieces.append(Piece(range: base + begin..<base + offset, text: String(text.unicodeScalars[startIndex...])))
        }
        return pieces
    }

    /// Splits after every scalar for which `ends(scalar, next)` is true; trims leading white
    /// space of each piece and drops empty pieces.
    private static func split(_ text: String, base: Int, ends: (Unicode.Scalar, Unicode.Scalar?) -> Bool) -> [Piece] {
        let scalars = text.unicodeScalars
        var pieces: [Piece] = []
        var start: String.UnicodeScalarView.Index?
        var startOffset = 0
        var offset = 0
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let nextIndex = scalars.index(after: index)
            if start == nil, !DocumentBuilder.isWhitespace(scalar) {
                start = index
                startOffset = offset
            }
            let next = nextIndex == scalars.endIndex ? nil : scalars[nextIndex]
            if let begin = start, ends(scalar, next) {
                let end = scalar == "\n" ? index : nextIndex
                let endOffset = scalar == "\n" ? offset : offset + 1
                if endOffset > startOffset {
                    pieces.append(
                        Piece(range: base + startOffset..<base + endOffset, text: String(scalars[begin..<end])))
                }
                start = nil
            }
            index = nextIndex
            offset += 1
        }
        if let begin = start {
            pieces.append(Piece(range: base + startOffset..<base + offset, text: String(scalars[begin...])))
        }
        return pieces
    }

    /// The part of `piece`'s text at an absolute range inside it.
    static func slice(_ piece: Piece, _ range: Range<Int>) -> String {
        let scalars = piece.text.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: range.lowerBound - piece.range.lowerBound)
        let upper = scalars.index(lower, offsetBy: range.count)
        return String(scalars[lower..<upper])
    }
}

/// Slices a string by Unicode scalar offsets, moving a cursor forward so that slicing a whole
/// document in order costs linear time. Each slice must start at or after the previous one's start.
struct ScalarSlicer {
    private let scalars: String.UnicodeScalarView
    private var offset = 0
    private var index: String.UnicodeScalarView.Index

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    mutating func slice(_ range: Range<Int>) -> String {
        if range.lowerBound < offset {
            offset = 0
            index = scalars.startIndex
        }
        index =
            scalars.index(index, offsetBy: range.lowerBound - offset, limitedBy: scalars.endIndex) ?? scalars.endIndex
        offset = range.lowerBound
        let end = scalars.index(index, offsetBy: range.count, limitedBy: scalars.endIndex) ?? scalars.endIndex
        return String(scalars[index..<end])
    }
}
