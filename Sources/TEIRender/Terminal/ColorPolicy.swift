/// When output may carry ANSI colors and styles.
public enum ColorPolicy: String, CaseIterable, Sendable {
    /// Color only on a capable terminal, unless `NO_COLOR` asks otherwise.
    case auto
    /// Color even when writing to a file or pipe.
    case always
    /// Never color.
    case never
}
