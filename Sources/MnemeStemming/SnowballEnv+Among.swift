/// A Snowball `among` table: a sorted list of strings with, for each, the index of its longest
/// proper substring in the table (or -1) and the result returned on a match.
///
/// Entries must be given in exactly the order the Snowball compiler emits them (the tables in
/// this module are copied from the generated reference code), since the search below is the
/// reference binary search.
struct AmongTable: Sendable {
    struct Entry: Sendable {
        let start: Int32
        let count: Int32
        let substringIndex: Int32
        let result: Int32
    }

    let chars: [UInt32]
    let entries: [Entry]

    init(_ list: [(String, Int, Int)]) {
        var chars: [UInt32] = []
        var entries: [Entry] = []
        for (s, substringIndex, result) in list {
            let start = chars.count
            chars.append(contentsOf: s.unicodeScalars.map(\.value))
            entries.append(
                Entry(
                    start: Int32(start),
                    count: Int32(chars.count - start),
                    substringIndex: Int32(substringIndex),
                    result: Int32(result)
                )
            )
        }
        self.chars = chars
        self.entries = entries
    }
}

extension SnowballEnv {
    /// Forward `among`: finds the longest table string that starts at the cursor; returns its
    /// result (0 when none matches) and moves the cursor past it.
    mutating func findAmong(_ table: AmongTable) -> Int {
        table.chars.withUnsafeBufferPointer { chars in
            table.entries.withUnsafeBufferPointer { v in
                var i = 0
                var j = v.count
                let c = cursor
                let l = limit
                var commonI = 0
                var commonJ = 0
                var firstKeyInspected = false
                while true {
                    let k = i + ((j - i) >> 1)
                    var diff = 0
                    var common = min(commonI, commonJ)
                    let w = v[k]
                    let wStart = Int(w.start)
                    var i2 = common
                    while i2 < Int(w.count) {
                        if c + common == l {
                            diff = -1
                            break
                        }
                        diff = Int(buffer[c + common]) - Int(chars[wStart + i2])
                        if diff != 0 { break }
                        common += 1
                        i2 += 1
                    }
                    if diff < 0 {
                        j = k
                        commonJ = common
                    } else {
                        i = k
                        commonI = common
                    }
                    if j - i <= 1 {
                        if i > 0 || j == i || firstKeyInspected { break }
                        firstKeyInspected = true
                    }
                }
                while true {
                    let w = v[i]
                    if commonI >= Int(w.count) {
                        cursor = c + Int(w.count)
                        return Int(w.result)
                    }
                    i = Int(w.substringIndex)
                    if i < 0 { return 0 }
                }
            }
        }
    }

    /// Backward `among`: finds the longest table string that ends at the cursor (not reaching
    /// before `limitBackward`); returns its result (0 when none matches) and moves the cursor
    /// before it.
    mutating func findAmongB(_ table: AmongTable) -> Int {
        table.chars.withUnsafeBufferPointer { chars in
            table.entries.withUnsafeBufferPointer { v in
                var i = 0
                var j = v.count
                let c = cursor
                let lb = limitBackward
                var commonI = 0
                var commonJ = 0
                var firstKeyInspected = false
                while true {
                    let k = i + ((j - i) >> 1)
                    var diff = 0
                    var common = min(commonI, commonJ)
                    let w = v[k]
                    let wStart = Int(w.start)
                    var i2 = Int(w.count) - 1 - common
                    while i2 >= 0 {
                        if c - common == lb {
                            diff = -1
                            break
                        }
                        diff = Int(buffer[c - 1 - common]) - Int(chars[wStart + i2])
                        if diff != 0 { break }
                        common += 1
                        i2 -= 1
                    }
                    if diff < 0 {
                        j = k
                        commonJ = common
                    } else {
                        i = k
                        commonI = common
                    }
                    if j - i <= 1 {
                        if i > 0 || j == i || firstKeyInspected { break }
                        firstKeyInspected = true
                    }
                }
                while true {
                    let w = v[i]
                    if commonI >= Int(w.count) {
                        cursor = c - Int(w.count)
                        return Int(w.result)
                    }
                    i = Int(w.substringIndex)
                    if i < 0 { return 0 }
                }
            }
        }
    }
}
