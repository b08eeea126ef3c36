/// The fenced code blocks of a Markdown document, as the documentation tests read them: each with
/// its info string (`tei`, `output`, `text`, …), and the runnable ones paired with the `output`
/// block that shows what they print.
public enum DocumentExamples {
    /// A fenced block: its info string, its lines, and the 0-based lines of its two fences.
    public struct Block: Equatable, Sendable {
        public var info: String
        public var body: [String]
        public var opening: Int
        public var closing: Int

        public var code: String { body.joined(separator: "\n") }
        /// The first word of the info string: `tei`, `output`, `text`, …
        public var kind: String { String(info.split(separator: " ").first ?? "") }
        /// The other words of the info string: options of the run (```` ```tei --ascii ````).
        public var arguments: [String] { info.split(separator: " ").dropFirst().map(String.init) }
    }

    /// A runnable block and the `output` block right after it, if any.
    public struct Example: Sendable {
        public var code: Block
        public var output: Block?
    }

    /// Info strings of blocks that hold tei code to run: it succeeds, or for `tei-error` fails.
    public static let runnable: Set = ["tei", "tei-error"]

    /// Every fenced block of `lines`; an unclosed block runs to the end.
    public static func blocks(in lines: [String]) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("```") else { index += 1; continue }
            let info = String(lines[index].dropFirst(3)).trimmingCharacters(in: .whitespaces)
            var cursor = index + 1
            while cursor < lines.count, lines[cursor] != "```" { cursor += 1 }
            blocks.append(Block(info: info, body: Array(lines[(index + 1)..<cursor]), opening: index, closing: cursor))
            index = cursor + 1
        }
        return blocks
    }

    /// The runnable blocks, each paired with an `output` block that follows it with only blank lines between.
    public static func examples(in lines: [String]) -> [Example] {
        let all = blocks(in: lines)
        return all.indices.filter { runnable.contains(all[$0].kind) }.map { position in
            let block = all[position]
            guard position + 1 < all.count, all[position + 1].kind == "output" else { return Example(code: block) }
            let between = lines[(block.closing + 1)..<all[position + 1].opening]
            let adjacent = between.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            return Example(code: block, output: adjacent ? all[position + 1] : nil)
        }
    }

    /// The runnable examples of a Markdown text.
    public static func examples(in markdown: String) -> [Example] {
        examples(in: markdown.components(separatedBy: "\n"))
    }
}
