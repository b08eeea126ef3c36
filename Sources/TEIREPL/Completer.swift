import Foundation
import TEIEngine
import TEILanguage

/// Completes the word before the cursor from its context: transforms after `|`, the columns of
/// the table flowing into a step, `let` and `fn` names, file paths inside `load "…` and
/// `import "…`, and meta-commands after `:`.
public struct Completer {
    /// The session's names and their kinds (`table`, `fn`, a value type).
    public var globalNames: () -> [(name: String, kind: String)]
    /// The columns a pipeline's text produces.
    public var columnsFlowingOutOf: (String) -> [String]
    /// Where relative paths resolve.
    public var baseDirectory: URL

    /// Words that begin statements.
    static let statementWords = ["let", "fn", "param", "import", "save", "explain", "load"]
    /// Words used inside steps.
    static let stepWords = ["and", "or", "not", "in", "true", "false", "null", "as", "on", "by", "to"]

    public init(globalNames: @escaping () -> [(name: String, kind: String)], columnsFlowingOutOf: @escaping (String) -> [String],
                baseDirectory: URL) {
        self.globalNames = globalNames
        self.columnsFlowingOutOf = columnsFlowingOutOf
        self.baseDirectory = baseDirectory
    }

    /// Completes the word that ends `text`, the cell typed so far up to the cursor.
    public func complete(_ text: String) -> Completion {
        let trimmedStart = text.drop { $0 == " " || $0 == "\t" }
        if trimmedStart.hasPrefix(":"), !text.contains("\n") { return completeMetaCommand(String(trimmedStart)) }
        let scan = CodeScanner(text: text)
        if let string = scan.openString {
            // The words that may stand between `load` and its path name no table either.
            guard let keyword = scan.wordBefore(string.quote), ["load", "lenient", "tweets", "users", "import"].contains(keyword) else {
                return Completion(word: "", candidates: [])
            }
            return completePath(string.contents, onlyExtension: keyword == "import" ? "tei" : nil)
        }
        if scan.inComment { return Completion(word: "", candidates: []) }
        let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let before = String(text.dropLast(word.count))
        let names = globalNames()
        let functionNames = names.filter { $0.kind == "fn" }.map(\.name)
        let valueNames = names.filter { $0.kind != "fn" }.map(\.name)
        let candidates: [String]
        switch CodeScanner(text: before).position {
        case .transform:
            candidates = Transforms.all.map(\.name) + functionNames
        case .step(let input, let stepWord, let arguments):
            // A join names its table first; after `on` come the columns to match.
            let namesTable = stepWord == "append"
                || (stepWord == "join" && !arguments.split(whereSeparator: \.isWhitespace).contains("on"))
            if namesTable {
                candidates = names.filter { $0.kind == "table" }.map(\.name)
            } else {
                candidates = columnsFlowingOutOf(input) + valueNames + FunctionTable.all.map(\.name) + functionNames + Self.stepWords
            }
        case .statementStart:
            candidates = Self.statementWords + valueNames + functionNames
        case .expression:
            candidates = valueNames + functionNames + FunctionTable.all.map(\.name) + ["load"] + Self.stepWords
        }
        return Completion(word: word, candidates: candidates.filter { $0.hasPrefix(word) }.sorted())
    }

    private func completeMetaCommand(_ line: String) -> Completion {
        guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return Completion(word: line, candidates: MetaCommand.all.map { ":" + $0.name }.filter { $0.hasPrefix(line) })
        }
        let name = String(line[line.index(after: line.startIndex)..<space])
        let argument = String(line[space...].drop { $0 == " " || $0 == "\t" })
        guard let command = MetaCommand.named(name) else { return Completion(word: argument, candidates: []) }
        let options: [String]
        switch command.argument {
        case .none, .pipeline: return Completion(word: argument, candidates: [])
        case .filePath: return completePath(argument, onlyExtension: nil)
        case .helpTopic: options = HelpText.topics + globalNames().filter { $0.kind == "fn" }.map(\.name)
        case .tableName: options = globalNames().filter { $0.kind == "table" }.map(\.name)
        case .choice(let choices): options = choices
        }
        return Completion(word: argument, candidates: options.filter { $0.hasPrefix(argument) }.sorted())
    }

    /// Files and folders (with a trailing `/`) whose path starts with `partial`.
    private func completePath(_ partial: String, onlyExtension: String?) -> Completion {
        let expanded = (partial as NSString).expandingTildeInPath
        let folderPart: String
        let namePart: String
        if let slash = partial.lastIndex(of: "/") {
            folderPart = String(partial[...slash])
            namePart = String(partial[partial.index(after: slash)...])
        } else {
            folderPart = ""
            namePart = partial
        }
        let expandedFolder = folderPart.isEmpty ? "" : (folderPart as NSString).expandingTildeInPath
        let folder = expanded.hasPrefix("/") ? URL(fileURLWithPath: expandedFolder)
            : baseDirectory.appendingPathComponent(expandedFolder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var candidates: [String] = []
        for entry in entries.sorted() where entry.hasPrefix(namePart) && (!entry.hasPrefix(".") || namePart.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(entry).path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                candidates.append(folderPart + entry + "/")
            } else if onlyExtension == nil || entry.hasSuffix("." + onlyExtension!) {
                candidates.append(folderPart + entry)
            }
        }
        return Completion(word: partial, candidates: candidates)
    }
}
