public import Foundation

/// Loads the visible text of an HTML page, with its title and headings.
///
/// - `<title>` gives the document title (else the first `<h1>`, else the file name).
/// - `<h1>`–`<h6>` open sections with heading paths, as Markdown headings do.
/// - Block elements (`p`, `div`, `li` lists, `table` rows, `section`, `blockquote`, …) end paragraphs;
///   `<br>` is a line break; table cells in a row are joined with `" | "`.
/// - `<pre>` content becomes a ``TextBlock/Kind/code`` block with its whitespace kept; elsewhere runs
///   of whitespace collapse to one space.
/// - `script`, `style`, `noscript`, `template`, `iframe`, `svg` and `math` content and all comments
///   are dropped; character references are decoded (`&nbsp;` is indexed as an ordinary space).
///
/// Parsing is a single iterative pass over ``HTMLTokenizer`` tokens with a handful of counters and no
/// element stack, so broken markup (unclosed or stray tags) and any nesting depth are handled in
/// linear time and constant stack.
///
/// ```swift
/// let html = "<title>Wi-Fi</title><h1>Office</h1><p>SSID: <b>Lumen&nbsp;Staff</b></p>"
/// let document = HTMLLoader().load(html, uri: URL(filePath: "/wifi.html"))
/// document?.title  // "Wi-Fi"
/// ```
public struct HTMLLoader: Sendable {
    /// Creates an HTML loader.
    public init() {}

    /// Builds a document from decoded HTML; `nil` if no visible text remains.
    public func load(_ html: String, uri: URL, encoding: TextEncoding = .utf8) -> LoadedDocument? {
        var state = HTMLTextExtractor()
        state.run(Array(html.utf8))
        let title = state.title ?? state.builder.firstH1 ?? TextLoader.fileTitle(uri)
        guard state.builder.hasBlocks || !state.builder.text.isEmpty else { return nil }
        return state.builder.build(title: title, uri: uri, format: .html, encoding: encoding)
    }
}

/// The extraction state machine behind ``HTMLLoader``.
struct HTMLTextExtractor {
    var builder = DocumentBuilder()
    var title: String?

    private var paragraph = String.UnicodeScalarView()
    private var pendingSpace = false
    private var preDepth = 0
    private var preText = String.UnicodeScalarView()
    private var hiddenDepth = 0
    private var headingLevel: Int?
    private var headingText = String.UnicodeScalarView()
    private var cellsInRow = 0

    /// Elements whose content is never shown (counted, so nesting and stray end tags are safe).
    static let hiddenContainers: Set<String> = ["template", "svg", "math"]

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup",
        "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "section", "summary", "table",
        "tbody", "tfoot", "thead", "tr", "ul", "option", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    ]

    /// Elements that break a line inside the current paragraph rather than ending it.
    static let lineElements: Set<String> = ["li", "dt", "dd", "br", "option"]

    mutating func run(_ bytes: [UInt8]) {
        var tokenizer = HTMLTokenizer(bytes)
        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                guard hiddenDepth == 0 else { continue }
                appendText(HTMLEntities.decode(bytes[range]))
            case .rawText(let name, let range):
                switch name {
                case "title":
                    if title == nil, hiddenDepth == 0 {
                        let text = DocumentBuilder.normalizeInline(HTMLEntities.decode(bytes[range]))
                        if !text.isEmpty { title = text }
                    }
                case "textarea", "xmp", "plaintext":
                    if hiddenDepth == 0 { appendText(HTMLEntities.decode(bytes[range])) }
                default:
                    continue  // script, style, noscript, iframe, noembed, noframes
                }
            case .startTag(let name, let selfClosing):
                startTag(name, selfClosing: selfClosing)
            case .endTag(let name):
                endTag(name)
            }
        }
        endHeading()
        flushPre()
        flushParagraph()
    }

    // MARK: - Tags

    private mutating func startTag(_ name: String, selfClosing: Bool) {
        if Self.hiddenContainers.contains(name) {
            if !selfClosing { hiddenDepth += 1 }
            return
        }
        guard hiddenDepth == 0 else { return }
        if let level = Self.headingLevel(name) {
            endHeading()
            flushParagraph()
            headingLevel = level
            headingText = String.UnicodeScalarView()
            return
        }
        switch name {
        case "br":
            lineBreak()
        case "pre", "listing":
            endHeading()
            flushParagraph()
            preDepth += 1
        case "td", "th":
            if cellsInRow > 0 { appendText(" | ") }
            cellsInRow += 1
        case "tr":
            flushParagraph()
            cellsInRow = 0
        case "img", "input", "wbr", "hr":
            if name != "wbr" { pendingSpace = true }
            if name == "hr" { flushParagraph() }
        default:
            if Self.lineElements.contains(name) {
                lineBreak()
            } else if Self.blockElements.contains(name) {
                // A block inside an unclosed heading ends the heading (`<h1>Title<p>Text`).
                endHeading()
                flushParagraph()
            }  // other (inline) elements have no effect
        }
    }

    private mutating func endTag(_ name: String) {
        if Self.hiddenContainers.contains(name) {
            hiddenDepth = max(0, hiddenDepth - 1)
            return
        }
        guard hiddenDepth == 0 else { return }
        if Self.headingLevel(name) != nil {
            endHeading()
            return
        }
        switch name {
        case "pre", "listing":
            if preDepth > 0 {
                preDepth -= 1
                if preDepth == 0 { flushPre() }
            }
        case "td", "th":
            pendingSpace = true
        case "tr", "table":
            flushParagraph()
            cellsInRow = 0
        default:
            if Self.lineElements.contains(name) {
                lineBreak()
            } else if Self.blockElements.contains(name) {
                flushParagraph()
            }
        }
    }

    private static func headingLevel(_ name: String) -> Int? {
        guard name.utf8.count == 2, name.hasPrefix("h"), let digit = Int(name.dropFirst()), (1...6).contains(digit)
        else { return nil }
        return digit
    }

    // MARK: - Text

    private mutating func appendText(_ text: String) {
        if headingLevel != nil {
            headingText.append(contentsOf: text.unicodeScalars)
            return
        }
        if preDepth > 0 {
            // HTML drops one newline right after <pre>.
            if preText.isEmpty, text.hasPrefix("\n") {
                preText.append(contentsOf: text.unicodeScalars.dropFirst())
            } else {
                preText.append(contentsOf: text.unicodeScalars)
            }
            return
        }
        for scalar in text.unicodeScalars {
            if Self.isCollapsible(scalar) {
                pendingSpace = true
            } else {
                if pendingSpace, let last = paragraph.last, last != "\n" { paragraph.append(" ") }
                pendingSpace = false
                paragraph.append(scalar)
            }
        }
    }

    private mutating func lineBreak() {
        if headingLevel != nil {
            headingText.append(" ")
            return
        }
        if preDepth > 0 {
            preText.append("\n")
            return
        }
        if let last = paragraph.last, last != "\n" { paragraph.append("\n") }
        pendingSpace = false
    }

    private mutating func flushParagraph() {
        pendingSpace = false
        guard !paragraph.isEmpty else { return }
        builder.block(String(paragraph))
        paragraph = String.UnicodeScalarView()
    }

    private mutating func flushPre() {
        guard !preText.isEmpty else { return }
        builder.block(String(preText), kind: .code)
        preText = String.UnicodeScalarView()
    }

    private mutating func endHeading() {
        guard let level = headingLevel else { return }
        headingLevel = nil
        builder.heading(String(headingText), level: level)
        headingText = String.UnicodeScalarView()
    }

    /// HTML whitespace, plus NBSP (indexed as an ordinary space).
    private static func isCollapsible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0xA0: return true
        default: return false
        }
    }
}
