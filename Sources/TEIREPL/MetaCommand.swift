/// A REPL command that starts with `:`, as opposed to tei code.
public struct MetaCommand: Sendable {
    /// The name without the colon.
    public let name: String
    /// How it is written, e.g. `:schema NAME`.
    public let usage: String
    public let summary: String
    /// What its argument is, for completion.
    public let argument: Argument

    /// The kind of argument a meta-command takes.
    public enum Argument: Sendable {
        case none
        case helpTopic
        case tableName
        case pipeline
        case filePath
        case choice([String])
    }

    /// Every meta-command, in the order `:help` lists them.
    public static let all: [MetaCommand] = [
        MetaCommand(name: "help", usage: ":help [TOPIC]", summary: "Lists transforms, functions and commands, or explains one.", argument: .helpTopic),
        MetaCommand(name: "schema", usage: ":schema NAME", summary: "The columns of a table and their types.", argument: .tableName),
        MetaCommand(name: "sql", usage: ":sql PIPELINE", summary: "The SQL a pipeline compiles to.", argument: .pipeline),
        MetaCommand(name: "time", usage: ":time on|off", summary: "Shows how long each cell takes.", argument: .choice(["on", "off"])),
        MetaCommand(name: "ascii", usage: ":ascii on|off", summary: "Draws tables and charts with ASCII characters only.",
                    argument: .choice(["on", "off"])),
        MetaCommand(name: "format", usage: ":format table|csv|json|jsonl|markdown", summary: "How results are printed.",
                    argument: .choice(["table", "csv", "json", "markdown"])),
        MetaCommand(name: "run", usage: ":run FILE", summary: "Runs a script into the session; its names stay defined.", argument: .filePath),
        MetaCommand(name: "vars", usage: ":vars", summary: "The names defined in the session, with their kinds.", argument: .none),
        MetaCommand(name: "save", usage: ":save FILE", summary: "Writes the session's cells as a replayable .tei script.", argument: .filePath),
        MetaCommand(name: "quit", usage: ":quit", summary: "Leaves the REPL (so does Ctrl-D on an empty line).", argument: .none),
    ]

    /// The meta-command called `name` (without the colon).
    public static func named(_ name: String) -> MetaCommand? { all.first { $0.name == name } }

    /// Splits `:name argument` into the name and the trimmed argument.
    public static func split(_ line: String) -> (name: String, argument: String) {
        let body = line.trimmingCharacters(in: .whitespaces).dropFirst()
        let name = body.prefix { !$0.isWhitespace }
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        return (String(name), argument)
    }
}
