/// The few ANSI SGR styles the renderers use.
public enum TerminalStyle: String, Sendable {
    case bold = "\u{1B}[1m"
    case dim = "\u{1B}[2m"

    /// The sequence that ends any style.
    public static let reset = "\u{1B}[0m"

    /// `text` wrapped in this style when `enabled`, else `text` unchanged.
    ///
    /// Style text after measuring and padding it: the escape sequences take no columns.
    public func apply(to text: String, enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        return rawValue + text + TerminalStyle.reset
    }
}
