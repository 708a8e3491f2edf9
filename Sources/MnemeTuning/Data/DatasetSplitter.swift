/// Splits a training file into training and validation files, deterministically (seeded) and
/// without leakage: examples that share their first user message, are identical, or are near
/// duplicates of each other (see ``NearDuplicates``) form one group, and a group goes whole to
/// one side. Several examples cut from one conversation start with the same user message, so a
/// conversation never ends up on both sides.
///
/// Lines are copied verbatim (CSV records are re-quoted canonically), in their original order.
///
/// ```swift
/// let splitter = try DatasetSplitter(validationFraction: 0.1, seed: 42)
/// let result = splitter.split(text, format: .openAI)
/// try result.train.write(toFile: "train.jsonl", atomically: true, encoding: .utf8)
/// ```
public struct DatasetSplitter: Sendable {
    /// The share of examples that go to validation, in (0, 1).
    public let validationFraction: Double
    /// The seed: the same seed and file give the same split on every machine.
    public let seed: UInt64

    /// Creates a splitter.
    ///
    /// - Throws: ``DatasetError`` when the fraction is not strictly between 0 and 1.
    public init(validationFraction: Double, seed: UInt64) throws {
        guard validationFraction > 0, validationFraction < 1 else {
            throw DatasetError(
                .invalidArgument, "The validation fraction must be between 0 and 1 (got \(validationFraction)).")
        }
        self.validationFraction = validationFraction
        self.seed = seed
    }

    /// The two files and what went where.
    public struct Result: Sendable {
        /// The training file's text.
        public let train: String
        /// The validation file's text.
        public let validation: String
        /// Examples in the training file.
        public let trainCount: Int
        /// Examples in the validation file.
        public let validationCount: Int
        /// Groups of examples kept together.
        public let groups: Int
        /// The size of the largest group.
        public let largestGroup: Int
        /// For each example in file order, whether it went to validation.
        public let assignment: [Bool]
    }

    /// Splits a file's text. For JSONL, each line is read by its own shape (`messages`,
    /// `contents` or `input_text`), so `format` only tells CSV from JSONL. Blank lines are dropped;
    /// lines that are not valid examples are split like the others (each is its own group), so
    /// nothing is lost.
    public func split(_ text: String, format: DatasetFormat) -> Result {
        let units = SplitUnit.units(of: text, format: format)
        let groups = SplitUnit.groups(units)
        let target = targetCount(units.count)
        var order = Array(groups.indices)
        var generator = SplitMix64(seed: seed)
        if order.count > 1 {
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                let other = Int(generator.next() % UInt64(index + 1))
                order.swapAt(index, other)
            }
        }
        var chosen = Set<Int>()
        var count = 0
        for group in order where count < target && count + groups[group].count <= target {
            chosen.insert(group)
            count += groups[group].count
        }
        if count == 0, target > 0, let smallest = order.min(by: { groups[$0].count < groups[$1].count }),
            groups[smallest].count < units.count
        {
            chosen.insert(smallest)
        }
        var assignment = [Bool](repeating: false, count: units.count)
        for group in chosen {
            for member in groups[group] { assignment[member] = true }
        }
        let prefix = format == .csv ? CSVTable.header + "\n" : ""
        var train = prefix
        var validation = prefix
        for (index, unit) in units.enumerated() {
            if assignment[index] { validation += unit.text + "\n" } else { train += unit.text + "\n" }
        }
        let validationCount = assignment.filter { $0 }.count
        return Result(
            train: train, validation: validation, trainCount: units.count - validationCount,
            validationCount: validationCount, groups: groups.count, largestGroup: groups.map(\.count).max() ?? 0,
            assignment: assignment)
    }

    /// round(n × fraction), at least 1 and at most n − 1 when there are two examples or more.
    func targetCount(_ count: Int) -> Int {
        guard count >= 2 else { return 0 }
        let wanted = Int((Double(count) * validationFraction).rounded())
        return min(count - 1, max(1, wanted))
    }
}
