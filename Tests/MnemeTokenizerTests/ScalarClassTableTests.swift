import Testing

@testable import MnemeTokenizer

/// The checked-in class table of the basic plane is what `ScalarClass.compute` gives for every
/// scalar (regenerate `ScalarClass+Table.swift` if the standard library's Unicode data changes).
@Suite struct ScalarClassTableTests {
    @Test func everyBasicPlaneEntryMatchesTheComputedClass() {
        let table = ScalarClass.basicPlane
        #expect(table.count == 0x1_0000)
        var mismatches: [String] = []
        for value in 0..<0x1_0000 where table[value] != ScalarClass.compute(UInt32(value)) {
            mismatches.append(String(value, radix: 16))
        }
        #expect(mismatches.isEmpty, "regenerate ScalarClass+Table.swift: \(mismatches.prefix(20))")
    }

    @Test func runsAreOrderedAndStartAtZero() {
        let runs = ScalarClass.basicPlaneRuns
        #expect(runs.first.map { $0 >> 8 } == 0)
        #expect(
            zip(runs, runs.dropFirst()).allSatisfy {
                $0 >> 8 < $1 >> 8 && UInt8(truncatingIfNeeded: $0) != UInt8(truncatingIfNeeded: $1)
            })
        #expect(ScalarClass.expand([0x0000_00, 0x0041_11]).prefix(0x42).last == 0x11)
    }
}
