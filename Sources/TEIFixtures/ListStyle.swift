/// How a release writes the list columns `hashtags`, `urls` and `user_mentions`.
///
/// Neither style is JSON: the 2018 files print bare items between brackets (so a URL holding a comma
/// is ambiguous), the later files print Python's `repr` of a list.
public enum ListStyle: Sendable {
    /// `[STOPNazi, USA]`: items unquoted, joined by `, `.
    case bracketed
    /// `['SyrianArmy', 'Hama']`: each string written as Python's `repr` writes it.
    case pythonRepr

    /// The field text for a list of strings (hashtags or URLs).
    public func encode(strings: [String]) -> String {
        switch self {
        case .bracketed:
            return "[" + strings.joined(separator: ", ") + "]"
        case .pythonRepr:
            return "[" + strings.map(PythonRepr.string).joined(separator: ", ") + "]"
        }
    }

    /// The field text for a list of numeric account ids; both styles print integers bare.
    public func encode(ids: [UInt64]) -> String {
        "[" + ids.map { String($0) }.joined(separator: ", ") + "]"
    }
}
