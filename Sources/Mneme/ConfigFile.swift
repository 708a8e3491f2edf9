public import Foundation
public import MnemeConfig
import MnemeContext
import MnemeProviders

/// What checking a configuration file found: the configuration (when there is no error) and every issue
/// with its line.
///
/// ```swift
/// let report = ConfigFile.check(path: "mneme.toml")
/// for issue in report.issues { print(issue) }   // mneme.toml:7: unknown key 'modle' … (did you mean 'model'?)
/// ```
public struct ConfigReport: Sendable {
    /// The configuration, `nil` when the file has errors.
    public var configuration: EngineConfiguration?
    /// Errors and warnings, in line order.
    public var issues: [ConfigIssue]

    /// What kind of failure, when there are errors.
    var failure: ConfigError.Code?
    /// Whether a provider section holds an API key itself (not by variable name).
    var holdsSecrets = false

    /// Whether any issue is an error.
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
}

/// The `mneme.toml` configuration file: reading it over the defaults, and checking it.
///
/// Precedence, strongest first: values set in code or by command-line flags, the `MNEME_*` environment
/// variables (`MNEME_DB`, `MNEME_MODEL`), the file, the defaults. Provider sections write the official
/// SDKs' variables (`OPENAI_API_KEY`…) into the engine's environment; a variable named in the file wins
/// over the one of the same purpose already set.
public enum ConfigFile {
    /// The file's name when none is given: `mneme.toml` in the working folder.
    public static let defaultName = "mneme.toml"

    /// The configuration file to use: `explicit`, else `$MNEME_CONFIG`, else `./mneme.toml` when it exists.
    public static func locate(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let path = environment["MNEME_CONFIG"], !path.isEmpty { return path }
        return FileManager.default.fileExists(atPath: defaultName) ? defaultName : nil
    }

    /// Reads and checks the file at `path`.
    public static func check(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConfigReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            return ConfigReport(
                issues: [ConfigIssue(.error, source: path, line: 0, "the file \(reason)")], failure: .unreadable)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ConfigReport(
                issues: [ConfigIssue(.error, source: path, line: 0, "the file is not UTF-8 text")], failure: .unreadable
            )
        }
        var report = check(text: text, source: path, environment: environment)
        if !report.hasErrors, report.holdsSecrets, isReadableByOthers(path) {
            report.issues.append(
                ConfigIssue(
                    .warning, source: path, line: 0,
                    "the file holds an API key and other users can read it: chmod 600 \(path), or use api_key_env"))
        }
        return report
    }

    /// Checks `text` (the contents of a file named `source`).
    public static func check(
        text: String, source: String = "<string>", environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConfigReport {
        let document: TOMLDocument
        do {
            document = try TOMLParser.parse(text, source: source)
        } catch {
            return ConfigReport(issues: error.issues, failure: .syntax)
        }
        let decoder = TOMLDecoder(document)
        var configuration = EngineConfiguration(environment: environment, applyingEnvironmentOverrides: false)
        let holdsSecrets = ConfigReader(decoder: decoder, environment: environment).apply(to: &configuration)
        configuration.applyEnvironmentOverrides()
        let issues = decoder.finish()
        let failed = issues.contains { $0.severity == .error }
        configuration.source = source
        return ConfigReport(
            configuration: failed ? nil : configuration, issues: issues, failure: failed ? .invalid : nil,
            holdsSecrets: holdsSecrets)
    }

    private static func isReadableByOthers(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? NSNumber
        else { return false }
        return permissions.intValue & 0o044 != 0
    }
}

extension EngineConfiguration {
    /// The defaults, then the file at `path`, then the `MNEME_*` environment variables.
    ///
    /// ```swift
    /// let configuration = try EngineConfiguration(file: "/etc/mneme/mneme.toml")
    /// let engine = try Engine(configuration: configuration)
    /// ```
    ///
    /// - Throws: ``ConfigError`` (`.unreadable`, `.syntax` or `.invalid`) listing every error with its line.
    public init(file path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError)
    {
        let report = ConfigFile.check(path: path, environment: environment)
        guard let configuration = report.configuration else {
            throw ConfigError(code: report.failure ?? .invalid, issues: report.issues.filter { $0.severity == .error })
        }
        self = configuration
    }
}
