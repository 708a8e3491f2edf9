extension Stemmer {
    /// Normalizes `token` the way ``stem(_:)`` does before stemming — lower-cased, Latin
    /// diacritics folded, `ё` read as `е` — without stemming it. This is what a prefix query
    /// token (`отпу*`, `connect*`) needs: a prefix is not a word, so it must not be stemmed.
    ///
    /// ```swift
    /// Stemmer.fold("Café")  // "cafe"
    /// Stemmer.fold("ЁЛКА")  // "елка"
    /// ```
    public static func fold(_ token: String) -> String {
        var token = token
        let folded: String? = token.withUTF8 { bytes in
            let input = UnsafeRawBufferPointer(bytes)
            if input.isEmpty { return nil }
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: input.count) { scalars -> String? in
                let (script, count) = normalize(input, into: scalars.baseAddress!, capacity: input.count)
                if script == .other { return nil }
                var result = String.UnicodeScalarView()
                for index in 0..<count {
                    if let scalar = Unicode.Scalar(scalars[index]) { result.append(scalar) }
                }
                return String(result)
            }
        }
        return folded ?? token.lowercased()
    }
}
