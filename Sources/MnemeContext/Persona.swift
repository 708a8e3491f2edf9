/// The system instruction of a persona: a template with `{{variable}}` placeholders.
///
/// Placeholders are filled, in this order, from ``ContextInput/variables``, then from a profile fact with the
/// same key (`{{name}}`, `{{preferred_name}}`), then from ``defaults``, then from an inline fallback
/// (`{{preferred_name|there}}`); a placeholder that stays unresolved becomes empty text and is named in the trace.
///
/// ```swift
/// let persona = Persona(
///     id: "support", template: "You are Ada, a helpful assistant. Address the user as {{preferred_name|friend}}.")
/// ```
public struct Persona: Sendable, Hashable, Codable {
    /// Stable identifier (the trace names the system entry `persona:<id>`).
    public var id: String
    /// The instruction template.
    public var template: String
    /// Default values for placeholders.
    public var defaults: [String: String]

    /// Creates a persona.
    public init(id: String, template: String, defaults: [String: String] = [:]) {
        self.id = id
        self.template = template
        self.defaults = defaults
    }
}
