import Foundation
import TEILanguage

/// A light scan of partly typed tei code for completion: where strings, comments, brackets,
/// statements and pipeline steps begin, tolerant of everything being unfinished.
struct CodeScanner {
    /// Where the cursor is, as completion sees it.
    enum Position: Equatable {
        /// Right after `|`: a transform comes next.
        case transform
        /// Inside a step; `input` is the pipeline text flowing into it, `stepWord` its transform
        /// and `arguments` what was typed after that word.
        case step(input: String, stepWord: String, arguments: String)
        /// At the start of a statement.
        case statementStart
        /// In an expression outside any pipeline step.
        case expression
    }

    /// A string still open at the end of the text.
    struct OpenString {
        /// The offset of the opening quote.
        var quote: Int
        /// What was typed after the quote.
        var contents: String
    }

    private let characters: [Character]
    private(set) var openString: OpenString?
    private(set) var inComment = false
    private(set) var position: Position = .statementStart

    init(text: String) {
        characters = Array(text)
        scan()
    }

    /// The word just before offset `index`, skipping spaces.
    func wordBefore(_ index: Int) -> String? {
        var end = index
        while end > 0, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
        var start = end
        while start > 0, Self.isWordCharacter(characters[start - 1]) { start -= 1 }
        return start < end ? String(characters[start..<end]) : nil
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private struct Level {
        var start: Int
        var pipes: [Int] = []
    }

    private mutating func scan() {
        var statementStart = 0
        var levels = [Level(start: 0)]
        var i = 0
        while i < characters.count {
            let c = characters[i]
            switch c {
            case "\"":
                // In a raw string (`r"\d+"`) a backslash is itself, so `r"\"` is closed.
                let raw = i > 0 && characters[i - 1] == "r" && (i < 2 || !Self.isWordCharacter(characters[i - 2]))
                var j = i + 1
                var contents = ""
                while j < characters.count, characters[j] != "\"", characters[j] != "\n" {
                    if !raw, characters[j] == "\\", j + 1 < characters.count { j += 1 }
                    contents.append(characters[j])
                    j += 1
                }
                if j >= characters.count {
                    openString = OpenString(quote: i, contents: contents)
                    return
                }
                i = j
            case "`":
                var j = i + 1
                while j < characters.count, characters[j] != "`", characters[j] != "\n" { j += 1 }
                i = j
            case "#":
                var j = i
                while j < characters.count, characters[j] != "\n" { j += 1 }
                if j >= characters.count {
                    inComment = true
                    return
                }
                i = j - 1
            case "(", "[":
                levels.append(Level(start: i + 1))
            case ")", "]":
                if levels.count > 1 { levels.removeLast() }
            case "|":
                levels[levels.count - 1].pipes.append(i)
            case ";" where levels.count == 1:
                statementStart = i + 1
                levels = [Level(start: statementStart)]
            case "\n" where levels.count == 1:
                let rest = String(characters[(i + 1)...]).drop { $0.isWhitespace }
                if !rest.hasPrefix("|"), InputCompleteness.isComplete(String(characters[..<i])) {
                    statementStart = i + 1
                    levels = [Level(start: statementStart)]
                }
            default:
                break
            }
            i += 1
        }
        position = Self.position(in: characters, levels: levels, statementStart: statementStart)
    }

    private static func position(in characters: [Character], levels: [Level], statementStart: Int) -> Position {
        let top = levels[levels.count - 1]
        if let pipe = top.pipes.last {
            let after = String(characters[(pipe + 1)...])
            if after.allSatisfy(\.isWhitespace) { return .transform }
            return step(in: characters, level: top, pipe: pipe)
        }
        // Inside brackets within a step (`group k (n = …`): the step's input still flows in.
        if let enclosing = levels.dropLast().last(where: { !$0.pipes.isEmpty }), let pipe = enclosing.pipes.last {
            return step(in: characters, level: enclosing, pipe: pipe)
        }
        let typed = String(characters[statementStart...])
        return typed.allSatisfy(\.isWhitespace) ? .statementStart : .expression
    }

    private static func step(in characters: [Character], level: Level, pipe: Int) -> Position {
        let stepText = String(characters[(pipe + 1)...]).drop { $0.isWhitespace }
        let stepWord = String(stepText.prefix { isWordCharacter($0) })
        return .step(input: pipelineText(String(characters[level.start..<pipe])), stepWord: stepWord,
                     arguments: String(stepText.dropFirst(stepWord.count)))
    }

    /// The pipeline of a statement without `let NAME =`, `save` or `explain` before it.
    static func pipelineText(_ text: String) -> String {
        var rest = Substring(text).drop { $0.isWhitespace }
        for keyword in ["save", "explain"] where rest.hasPrefix(keyword + " ") {
            rest = rest.dropFirst(keyword.count).drop { $0.isWhitespace }
        }
        if rest.hasPrefix("let ") || rest.hasPrefix("let\t") {
            let afterLet = rest.dropFirst(3).drop { $0.isWhitespace }
            let name = afterLet.prefix { isWordCharacter($0) }
            let afterName = afterLet.dropFirst(name.count).drop { $0.isWhitespace }
            if afterName.hasPrefix("="), !afterName.hasPrefix("==") { rest = afterName.dropFirst().drop { $0.isWhitespace } }
        }
        return rest.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
