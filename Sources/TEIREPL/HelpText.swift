import TEIEngine
import TEILanguage

/// The text `:help` shows. Transforms and functions come from the engine's tables, the same
/// source as the checker's suggestions and the language reference.
enum HelpText {
    /// The overview: every transform, function and meta-command, one line each.
    static func overview() -> String {
        var lines = ["Transforms (after |):"]
        lines += Transforms.all.map { "  \(pad($0.name))\($0.summary)" }
        lines.append("Functions:")
        lines += FunctionTable.all.map { "  \(pad($0.name))\($0.summary)" }
        lines.append("Commands:")
        lines += MetaCommand.all.map { "  \(pad($0.usage, width: 34))\($0.summary)" }
        lines.append("Results are numbered Out[N]; use _ for the last one and _N for result N. `:help NAME` explains one name.")
        return lines.joined(separator: "\n")
    }

    /// Help for one name: a transform, a function, a meta-command or a user function; nil when unknown.
    static func topic(_ name: String, userFunction: FunctionDeclaration?) -> String? {
        let bare = name.hasPrefix(":") ? String(name.dropFirst()) : name
        var sections: [String] = []
        if let transform = Transforms.named(bare) {
            sections.append("\(transform.syntax)\n  \(transform.summary)\n  example: \(transform.example)")
        }
        if let function = FunctionTable.function(named: bare) {
            sections.append("\(function.signature)  (\(function.kind.rawValue))\n  \(function.summary)\n  example: \(function.example)")
        }
        if let command = MetaCommand.named(bare) {
            sections.append("\(command.usage)\n  \(command.summary)")
        }
        if let declaration = userFunction {
            let parameters = declaration.parameters.map(\.name.text).joined(separator: ", ")
            let documentation = declaration.documentation.isEmpty ? "" : "\n  " + declaration.documentation.replacingOccurrences(of: "\n", with: "\n  ")
            sections.append("fn \(declaration.name.text)(\(parameters))  (defined in this session)\(documentation)")
        }
        return sections.isEmpty ? nil : sections.joined(separator: "\n\n")
    }

    /// Every name `:help` knows, for completion and suggestions.
    static var topics: [String] {
        Transforms.all.map(\.name) + FunctionTable.all.map(\.name) + MetaCommand.all.map(\.name)
    }

    private static func pad(_ text: String, width: Int = 14) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
