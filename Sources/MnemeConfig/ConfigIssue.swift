/// One problem found in a configuration file, with the line it is on.
///
/// `description` reads `mneme.toml:12: unknown key 'modle' in [routes] (did you mean 'model'?)`.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious an issue is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The file cannot be used as written.
        case error
        /// The file works but probably not as meant (a key variable unset, a secret in the file…).
        case warning
    }

    /// How serious.
    public var severity: Severity
    /// The file (as given), or `<string>`.
    public var source: String
    /// The 1-based line, or 0 when the issue is about the file as a whole.
    public var line: Int
    /// What is wrong and what to do, never containing a secret's value.
    public var message: String

    /// Creates an issue.
    public init(_ severity: Severity, source: String, line: Int, _ message: String) {
        self.severity = severity
        self.source = source
        self.line = line
        self.message = message
    }

    /// `file:line: message` (`file: message` without a line); warnings are prefixed `warning: `.
    public var description: String {
        let place = line > 0 ? "\(source):\(line)" : source
        return severity == .warning ? "\(place): warning: \(message)" : "\(place): \(message)"
    }
}

/// A configuration file that cannot be used: its errors (and the warnings found with them), each with
/// its line.
///
/// ```swift
/// do { _ = try TOMLParser.parse(text, source: "mneme.toml") } catch let error as ConfigError {
///     for issue in error.issues { print(issue) }  // mneme.toml:3: expected '=' after the key 'model'
/// }
/// ```
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case syntax, invalid, unreadable
        }

        private let base: Base

        /// The text is not valid TOML (or uses a TOML feature Mneme does not accept).
        public static let syntax = Code(base: .syntax)
        /// The TOML is valid but a key is unknown, a value has the wrong type or is out of range.
        public static let invalid = Code(base: .invalid)
        /// The file could not be read.
        public static let unreadable = Code(base: .unreadable)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public let code: Code
    /// Every issue found, errors first in line order.
    public let issues: [ConfigIssue]

    /// Creates an error from its issues.
    public init(code: Code, issues: [ConfigIssue]) {
        self.code = code
        self.issues = issues.sorted {
            ($0.severity == .error ? 0 : 1, $0.line) < ($1.severity == .error ? 0 : 1, $1.line)
        }
    }

    /// Creates an error with one issue.
    public init(code: Code, source: String, line: Int, _ message: String) {
        self.init(code: code, issues: [ConfigIssue(.error, source: source, line: line, message)])
    }

    /// One issue a line.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
