extension Stemmer {
    /// Decodes `token` into lower-case scalars in `out`, folding Latin diacritics and mapping
    /// `ё` to `е`, and classifies its script.
    ///
    /// Never writes more scalars than `token` has bytes (a 2-byte letter folds to at most 2
    /// ASCII letters, a 3-byte one to at most 2), so `capacity >= token.count` suffices.
    /// When the result is ``Script/other`` the contents of `out` are meaningless.
    static func normalize(
        _ token: UnsafeRawBufferPointer,
        into out: UnsafeMutablePointer<UInt32>,
        capacity: Int
    ) -> (Script, Int) {
        precondition(capacity >= token.count, "normalize needs one scalar slot per input byte")
        var i = 0
        var count = 0
        var latin = false
        var cyrillic = false
        var apostrophe = false
        while i < token.count {
            let v: UInt32
            let b = token[i]
            if b < 0x80 {
                v = UInt32(b)
                i += 1
            } else {
                guard let decoded = UTF8Coding.decode(token, at: i) else { return (.other, 0) }
                v = decoded.value
                i += decoded.length
            }
            switch v {
            case 0x61...0x7A:
                out[count] = v
                count += 1
                latin = true
            case 0x41...0x5A:
                out[count] = v | 0x20
                count += 1
                latin = true
            case 0x27, 0x2018, 0x2019:
                out[count] = 0x27
                count += 1
                apostrophe = true
            case 0x430...0x44F, 0x450, 0x452...0x45F:
                out[count] = v
                count += 1
                cyrillic = true
            case 0x451, 0x401:  // ё, Ё
                out[count] = 0x435
                count += 1
                cyrillic = true
            case 0x410...0x42F:
                out[count] = v + 0x20
                count += 1
                cyrillic = true
            case 0x400...0x40F:
                out[count] = v + 0x50
                count += 1
                cyrillic = true
            case 0x460...0x4FF:
                guard let lower = lowercaseCyrillicLetter(v) else { return (.other, 0) }
                out[count] = lower
                count += 1
                cyrillic = true
            case 0x300...0x36F:
                // Combining marks: compose й (и + breve), ё → е (е + diaeresis is just е),
                // drop the rest (stress marks, Latin accents in decomposed form).
                if count == 0 { return (.other, 0) }
                if v == 0x306 && out[count - 1] == 0x438 { out[count - 1] = 0x439 }
            default:
                let folded = LatinFolding.fold(v)
                if folded == 0 { return (.other, 0) }
                out[count] = UInt32(folded & 0xFF)
                count += 1
                if folded > 0xFF {
                    out[count] = UInt32(folded >> 8)
                    count += 1
                }
                latin = true
            }
        }
        if latin == cyrillic || (cyrillic && apostrophe) { return (.other, 0) }
        return (latin ? .latin : .cyrillic, count)
    }

    /// Lower-case form of a letter in U+0460…U+04FF (historic and non-Russian Cyrillic), or
    /// `nil` when `v` is not a letter.
    static func lowercaseCyrillicLetter(_ v: UInt32) -> UInt32? {
        guard let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic else { return nil }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let first = lower.first else { return v }
        return first.value
    }

    /// Copies `token` into `output` lower-cased (unchanged when already lower-case or not
    /// valid UTF-8); returns the byte count. Lower-casing grows a scalar by at most one byte
    /// (U+0130), so `output.count >= 2 * token.count` suffices.
    static func copyLowercased(_ token: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        var i = 0
        var needsLowercasing = false
        while i < token.count {
            let b = token[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { needsLowercasing = true }
                i += 1
                continue
            }
            guard let decoded = UTF8Coding.decode(token, at: i) else {
                needsLowercasing = false
                break
            }
            if let scalar = Unicode.Scalar(decoded.value), scalar.properties.changesWhenLowercased {
                needsLowercasing = true
            }
            i += decoded.length
        }
        if !needsLowercasing {
            output.copyMemory(from: token)
            return token.count
        }
        var lowered = String(decoding: token, as: UTF8.self).lowercased()
        return lowered.withUTF8 { bytes in
            precondition(bytes.count <= output.count, "lower-cased token larger than the proven bound")
            output.copyMemory(from: UnsafeRawBufferPointer(bytes))
            return bytes.count
        }
    }
}
