extension DatasetValidator {
    /// Exact and near duplicates within one file, reported at the later line.
    func duplicates(_ examples: [InspectedExample], name: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var firstLine: [TextKey: Int] = [:]
        var unique: [InspectedExample] = []
        for example in examples {
            if let line = firstLine[example.identity] {
                issues.append(
                    ValidationIssue(
                        .warning, .duplicateExample, file: name, line: example.line,
                        "the same example as line \(line)"))
            } else {
                firstLine[example.identity] = example.line
                unique.append(example)
            }
        }
        for pair in NearDuplicates.pairs(unique.map(\.dialogue)) {
            issues.append(
                ValidationIssue(
                    .warning, .nearDuplicate, file: name, line: unique[pair.second].line,
                    "nearly the same as line \(unique[pair.first].line) (similarity \(Self.percent(pair.similarity)))"))
        }
        return issues
    }

    /// Validation examples that also appear in the training file: exactly (an error) or nearly (a warning).
    func overlap(train: FileResult, validation: FileResult, validationName: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var trainLines: [TextKey: Int] = [:]
        for example in train.examples where trainLines[example.identity] == nil {
            trainLines[example.identity] = example.line
        }
        var remaining: [InspectedExample] = []
        for example in validation.examples {
            if let line = trainLines[example.identity] {
                issues.append(
                    ValidationIssue(
                        .error, .trainValidationOverlap, file: validationName, line: example.line,
                        "also in the training file (line \(line)); keep the same data out of both files"))
            } else {
                remaining.append(example)
            }
        }
        let texts = train.examples.map(\.dialogue) + remaining.map(\.dialogue)
        let split = train.examples.count
        var reported = Set<Int>()
        for pair in NearDuplicates.pairs(texts, include: { $0 < split && $1 >= split }) {
            let example = remaining[pair.second - split]
            guard reported.insert(example.line).inserted else { continue }
            issues.append(
                ValidationIssue(
                    .warning, .trainValidationNearOverlap, file: validationName, line: example.line,
                    "nearly the same as line \(train.examples[pair.first].line) of the training file "
                        + "(similarity \(Self.percent(pair.similarity)))"))
        }
        return issues
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
