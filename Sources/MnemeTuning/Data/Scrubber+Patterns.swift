extension Scrubber {
    /// Replaces e-mail addresses (`local@domain.tld`) with `[email]`.
    static func replaceEmails(in text: String, count: inout Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains("@") else { return text }
        var output = String.UnicodeScalarView()
        var copied = 0
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "@" else {
                index += 1
                continue
            }
            var start = index
            while start > copied, isLocalPart(scalars[start - 1]) { start -= 1 }
            while start < index, scalars[start] == "." { start += 1 }
            var end = index + 1
            while end < scalars.count, isDomainPart(scalars[end]) { end += 1 }
            while end > index + 1, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
            let domain = scalars[(index + 1)..<end]
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            let valid =
                start < index && labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
                && (labels.last.map { $0.count >= 2 && $0.allSatisfy { $0.properties.isAlphabetic } } ?? false)
            if valid {
                output.append(contentsOf: scalars[copied..<start])
                output.append(contentsOf: "[email]".unicodeScalars)
                count += 1
                copied = end
                index = end
            } else {
                index += 1
            }
        }
        output.append(contentsOf: scalars[copied...])
        return String(output)
    }

    private static func isLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || "._%+-".unicodeScalars.contains(scalar)
    }

    private static func isDomainPart(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "." || scalar == "-"
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static let separators: Set<Unicode.Scalar> = [" ", "-", ".", "(", ")"]

    /// Replaces card-like numbers with `[card]` and phone numbers with `[phone]`.
    static func replaceNumbers(in text: String, report: inout Report) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var copied = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let startsNumber =
                isDigit(scalar)
                || (scalar == "+" || scalar == "(") && index + 1 < scalars.count
                    && isDigit(scalars[index + 1])
            let afterWord = index > 0 && (scalars[index - 1].properties.isAlphabetic || isDigit(scalars[index - 1]))
            guard startsNumber, !afterWord else {
                index += 1
                continue
            }
            // The longest run of digits and single separators that ends on a digit.
            var end = index + 1
            var lastDigit = isDigit(scalar) ? index : -1
            var run = 0
            while end < scalars.count {
                if isDigit(scalars[end]) {
                    lastDigit = end
                    run = 0
                } else if separators.contains(scalars[end]), run < 2 {
                    run += 1
                } else {
                    break
                }
                end += 1
            }
            guard lastDigit >= index else {
                index += 1
                continue
            }
            end = lastDigit + 1
            if end < scalars.count, scalars[end] == ")" { end += 1 }
            let candidate = Array(scalars[index..<end])
            let followedByWord = end < scalars.count && scalars[end].properties.isAlphabetic
            if !followedByWord, let kind = classify(candidate) {
                output.append(contentsOf: scalars[copied..<index])
                output.append(contentsOf: "[\(kind)]".unicodeScalars)
                if kind == "card" { report.cards += 1 } else { report.phones += 1 }
                copied = end
            }
            index = end
        }
        output.append(contentsOf: scalars[copied...])
        return String(output)
    }

    /// `card`, `phone` or `nil` for a run of digits and separators.
    static func classify(_ candidate: [Unicode.Scalar]) -> String? {
        let digits = candidate.filter(isDigit).map { Int($0.value) - 48 }
        let plus = candidate.first == "+"
        if !plus, (13...19).contains(digits.count) {
            let groupedInFours = groups(candidate).dropLast().allSatisfy { $0 == 4 } && groups(candidate).count >= 3
            let cardSeparators = candidate.allSatisfy { isDigit($0) || $0 == " " || $0 == "-" }
            if cardSeparators && (luhn(digits) || groupedInFours) { return "card" }
        }
        if isDate(candidate) { return nil }
        if plus, (8...15).contains(digits.count) { return "phone" }
        if (10...15).contains(digits.count) { return "phone" }
        return nil
    }

    /// The lengths of the digit groups.
    private static func groups(_ candidate: [Unicode.Scalar]) -> [Int] {
        candidate.split(whereSeparator: { !isDigit($0) }).map(\.count)
    }

    /// `2026-02-01`, `2026.02.01`, `01.02.2026`: not phone numbers.
    private static func isDate(_ candidate: [Unicode.Scalar]) -> Bool {
        let lengths = groups(candidate)
        return lengths == [4, 2, 2] || lengths == [2, 2, 4]
    }

    /// The Luhn checksum of card numbers.
    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}
