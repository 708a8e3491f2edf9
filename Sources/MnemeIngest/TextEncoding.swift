/// The character encoding a text file was decoded from.
public enum TextEncoding: String, Sendable, Hashable {
    /// UTF-8 (with or without a byte-order mark). Pure ASCII files report this too.
    case utf8
    /// UTF-16 with a byte-order mark (little- or big-endian).
    case utf16
    /// The fallback for bytes that are not valid UTF-8 but look like text: decoded as Windows-1252,
    /// the superset of ISO-8859-1 (Latin-1) that browsers use for "latin1". Bytes 0x80–0x9F map to
    /// the Windows-1252 characters (`€`, `‘`, `’`, `“`, `”`, `–`, `—`, …); the five bytes it leaves
    /// undefined map to the C1 controls, as in Latin-1.
    case latin1
    /// Not decoded from bytes by Mneme (PDF text comes from `pdftotext -enc UTF-8`).
    case converted
}
