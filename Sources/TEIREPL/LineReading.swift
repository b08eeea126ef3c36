/// What reading a line produced.
public enum LineInput: Equatable, Sendable {
    /// A line, without its line break.
    case line(String)
    /// The user abandoned the line (Ctrl-C at the prompt).
    case cancelled
    /// End of input (Ctrl-D on an empty line).
    case endOfInput
}

/// Reads lines for the REPL: libedit on a terminal, a list of lines in tests.
public protocol LineReading: AnyObject {
    /// Shows `prompt` and reads one line. `pending` is the cell typed so far, for completion.
    func readLine(prompt: String, pending: String) -> LineInput
    /// Whether more input is already waiting (text is being pasted).
    func hasPendingInput() -> Bool
    /// Replaces the entries that history recall offers.
    func setHistory(_ entries: [String], limit: Int)
    /// Offers `entry` as the newest history entry.
    func addHistory(_ entry: String)
}
